/**
 * REST API and pages for contacts.
 */
@NullMarked
package io.callbridge.contacts.web;

import org.jspecify.annotations.NullMarked;
