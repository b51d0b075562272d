/** How Axon is wired beyond its properties: audit metadata travels from commands onto events. */
package com.versionforge.token.command.axon;
