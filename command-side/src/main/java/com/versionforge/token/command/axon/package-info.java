/** How Axon is wired beyond its properties: audit metadata travels onto events, stored JSON is read leniently. */
package com.versionforge.token.command.axon;
