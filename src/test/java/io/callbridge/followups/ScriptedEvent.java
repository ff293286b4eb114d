package io.callbridge.followups;

/**
 * A test-only event whose listener ({@link ScriptedListeners.ScriptedListener}) behaves
 * as the script registered under {@code scriptId} says.
 *
 * @param tenantId the tenant it concerns
 * @param scriptId the script to follow
 */
record ScriptedEvent(long tenantId, String scriptId) {
}
