/**
 * Call-handling rules that every provider gets, switched per telephony account: an
 * unknown caller becomes a lead (contact) for whoever answered or the default responsible
 * agent, and a missed call becomes a call-back task for the contact's responsible agent
 * or the default responsible.
 */
@NullMarked
package io.callbridge.rules;

import org.jspecify.annotations.NullMarked;
