/**
 * Security: form login for the UI (CSRF on), Bearer API tokens for integrations (stored
 * hashed), the first-start admin account, tenant provisioning, and resolution of the
 * {@link io.callbridge.shared.CurrentUser} that every request runs as.
 */
@NullMarked
package io.callbridge.security;

import org.jspecify.annotations.NullMarked;
