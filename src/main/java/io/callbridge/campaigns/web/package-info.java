/**
 * The campaign pages (admin and supervisor), external systems' pages, the native REST API
 * under {@code /api/v1/campaigns} and {@code /api/v1/external-systems}, and the fragment
 * of a contact's campaign dispositions that the contact page loads with htmx.
 */
@NullMarked
package io.callbridge.campaigns.web;

import org.jspecify.annotations.NullMarked;
