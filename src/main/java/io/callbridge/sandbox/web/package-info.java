/**
 * The sandbox PBX's control panel: API and page to simulate calls and answer, transfer or
 * hang them up.
 */
@NullMarked
package io.callbridge.sandbox.web;

import org.jspecify.annotations.NullMarked;
