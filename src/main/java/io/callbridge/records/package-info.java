/**
 * Built-in CRM records beyond contacts: tasks (follow-ups assigned to agents, optionally
 * about a contact or a call). Cases and campaigns will join here.
 */
@NullMarked
package io.callbridge.records;

import org.jspecify.annotations.NullMarked;
