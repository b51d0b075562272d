/** Benchmarks run only by the scripts under bench/, never by the build: they measure, they do not assert. */
package com.versionforge.token.query.bench;
