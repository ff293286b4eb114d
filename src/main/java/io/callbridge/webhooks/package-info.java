/**
 * The place for outbound webhooks and CRM triggers (signed notifications of call,
 * customer, case, follow-up and task changes to URLs an admin configures): a module of
 * its own that listens to the facts other modules publish and delivers them through the
 * follow-up registry, so a failed delivery retries on its own without touching the module
 * that published the fact. Its types arrive with the outbound-delivery issue.
 */
@NullMarked
package io.callbridge.webhooks;

import org.jspecify.annotations.NullMarked;
