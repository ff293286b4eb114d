/**
 * Inbound side of the UIS provider: the HTTP notifications the admin configures in UIS
 * (one URL per event type, authenticated by a shared secret), their parsing and mapping
 * to normalized call events, interactive call processing (UIS asks how to route a
 * starting call), and the setup page with the exact notification templates to paste.
 */
@NullMarked
package io.callbridge.uis.inbound;

import org.jspecify.annotations.NullMarked;
