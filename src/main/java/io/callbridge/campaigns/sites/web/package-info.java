/**
 * Pages and native API of external sites, their token authentications and the CRM
 * parameters of campaigns.
 */
@NullMarked
package io.callbridge.campaigns.sites.web;

import org.jspecify.annotations.NullMarked;
