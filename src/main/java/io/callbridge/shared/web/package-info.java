/**
 * Web glue shared by every module: problem+json rendering of errors for the API.
 */
@NullMarked
package io.callbridge.shared.web;

import org.jspecify.annotations.NullMarked;
