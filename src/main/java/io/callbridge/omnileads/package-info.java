/**
 * The OMniLeads-compatible API: a CRM integrated with OMniLeads works with Callbridge by
 * changing only its base URL to {@code /omnileads} (or {@code /omnileads/{tenant}}). This
 * adapter speaks OMniLeads' wire formats, never Callbridge's problem+json: its token
 * login (one expiring token per user), Django REST framework's {@code {"detail": …}}
 * errors, OMniLeads' status strings and field names, Spanish by default and OMniLeads'
 * own English with {@code Accept-Language: en}. The work itself is done by Callbridge's
 * modules (agents, contacts, campaigns, calls); see {@code docs/omnileads.md}.
 */
@NullMarked
package io.callbridge.omnileads;

import org.jspecify.annotations.NullMarked;
