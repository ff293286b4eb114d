package io.callbridge.callmyway;

import java.net.URI;
import java.time.ZoneId;

/**
 * What a request to one CallMyWay account needs: the API host, the account's username and
 * password (sent in the query, as CallMyWay requires), and the zone its times are in. Its
 * {@code toString} never shows the password.
 *
 * @param baseUrl the API host
 * @param username the account's username
 * @param password the account's password
 * @param zone the zone of CallMyWay's local times
 */
public record CallMyWayAccess(URI baseUrl, String username, String password, ZoneId zone) {

	@Override
	public String toString() {
		return "CallMyWayAccess[" + this.baseUrl + ", " + this.username + ", password hidden, " + this.zone + "]";
	}

}
