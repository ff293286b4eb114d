package io.callbridge.telephony;

/**
 * An extension or endpoint of a telephony account, as the provider lists it.
 *
 * @param extension the extension number or endpoint name used in call events
 * @param label a description (the provider's endpoint id or name)
 */
public record ProviderEndpoint(String extension, String label) {
}
