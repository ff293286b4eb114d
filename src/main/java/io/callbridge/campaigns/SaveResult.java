package io.callbridge.campaigns;

import java.util.List;

import io.callbridge.shared.Text;

/**
 * A saved campaign with the warnings of OMniLeads' linking rules it was saved despite
 * (shown as a banner, or as {@code warnings} in the API's answer).
 *
 * @param campaign the campaign as saved
 * @param warnings what the admin should know; empty when all is well
 */
public record SaveResult(Campaign campaign, List<Text> warnings) {
}
