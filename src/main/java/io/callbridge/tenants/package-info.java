/**
 * Tenants: the companies served by one Callbridge. Each owns its users, telephony
 * accounts, contacts and calls, and has a default phone region, a time zone for display
 * and a currency.
 */
@NullMarked
package io.callbridge.tenants;

import org.jspecify.annotations.NullMarked;
