/**
 * Audit trail: failed logins and admin changes (users and roles, telephony accounts, API
 * tokens, the blacklist, tenant settings), stored per tenant without any secret, listed
 * for admins (page and API) and deleted after the retention period.
 */
@NullMarked
package io.callbridge.audit;

import org.jspecify.annotations.NullMarked;
