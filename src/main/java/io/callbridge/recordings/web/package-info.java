/**
 * Playback of call recordings in the call detail and through the API.
 */
@NullMarked
package io.callbridge.recordings.web;

import org.jspecify.annotations.NullMarked;
