/**
 * CallMyWay's inbound side: CallMyWay has no webhooks, so a poller reads each account's
 * live calls (never more than once every 4 seconds per account, across nodes) and turns
 * the differences between two polls into normalized call events.
 */
@NullMarked
package io.callbridge.callmyway.inbound;

import org.jspecify.annotations.NullMarked;
