/**
 * Screen pop: the live agent console. Call events published by the calls module are
 * pushed over Server-Sent Events to the browsers of the agents concerned; each browser
 * then fetches the call's card (contact, chooser, create/link/ignore, search, disposition
 * form).
 */
@NullMarked
package io.callbridge.screenpop;

import org.jspecify.annotations.NullMarked;
