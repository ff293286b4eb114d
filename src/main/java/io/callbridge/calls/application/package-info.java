/**
 * Use cases of the calls module: applying provider events, click-to-call, dispositions
 * and linking calls to contacts. Exposed to the screen-pop module, which drives them from
 * the agent console.
 */
@NullMarked
@NamedInterface("application")
package io.callbridge.calls.application;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.NamedInterface;
