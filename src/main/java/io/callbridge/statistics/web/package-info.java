/**
 * The statistics pages (dashboard, wallboard) and their JSON and CSV API.
 */
@NullMarked
package io.callbridge.statistics.web;

import org.jspecify.annotations.NullMarked;
