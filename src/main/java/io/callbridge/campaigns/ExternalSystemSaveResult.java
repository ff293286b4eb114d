package io.callbridge.campaigns;

import java.util.List;

import io.callbridge.shared.Text;

/**
 * A saved external system with the warnings it was saved despite.
 *
 * @param system the system as saved
 * @param warnings what the admin should know; empty when all is well
 */
public record ExternalSystemSaveResult(ExternalSystem system, List<Text> warnings) {
}
