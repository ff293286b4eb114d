/**
 * Agents: the users of a tenant (agents, supervisors, admins), their extension on each
 * telephony account, and the tenant's default responsible agent.
 */
@NullMarked
package io.callbridge.agents;

import org.jspecify.annotations.NullMarked;
