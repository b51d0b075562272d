/** Where the data lives: an embedded PostgreSQL by default, any PostgreSQL when a datasource is configured. */
package com.versionforge.token.command.storage;
