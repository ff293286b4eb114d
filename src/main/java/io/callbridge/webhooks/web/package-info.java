/**
 * The webhooks REST API ({@code /api/v1/webhooks/…}): endpoints, secrets, delivery log,
 * statistics, test events and replays.
 */
@NullMarked
package io.callbridge.webhooks.web;

import org.jspecify.annotations.NullMarked;
