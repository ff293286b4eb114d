/**
 * Test support: the integration-test annotation, the PostgreSQL availability check and
 * test data fixtures.
 */
@NullMarked
package io.callbridge.support;

import org.jspecify.annotations.NullMarked;
