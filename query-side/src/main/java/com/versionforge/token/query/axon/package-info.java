/** How Axon is wired beyond its properties: the events this side reads are parsed leniently. */
package com.versionforge.token.query.axon;
