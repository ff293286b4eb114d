package io.callbridge.crm;

/**
 * One connector-specific field of a connection, as the settings form and the API show it.
 *
 * @param name the field's name in the API ({@code settings} or {@code secrets} object)
 * @param secret whether it is a credential: stored encrypted, never shown again
 * @param required whether a connection needs it
 * @param labelKey message key of its label (en and es)
 * @param helpKey message key of its help text
 */
public record CrmField(String name, boolean secret, boolean required, String labelKey, String helpKey) {
}
