package io.callbridge.campaigns.sites;

/**
 * A parameter with its value, as sent to an external site (always a string).
 *
 * @param name name (or placeholder {@code {N}})
 * @param value value
 */
public record SiteParam(String name, String value) {
}
