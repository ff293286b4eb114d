/**
 * REST API and admin pages for telephony accounts.
 */
@NullMarked
package io.callbridge.telephony.web;

import org.jspecify.annotations.NullMarked;
