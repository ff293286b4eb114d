/**
 * REST API and admin pages for agents and their extensions.
 */
@NullMarked
package io.callbridge.agents.web;

import org.jspecify.annotations.NullMarked;
