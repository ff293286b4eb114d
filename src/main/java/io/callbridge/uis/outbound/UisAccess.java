package io.callbridge.uis.outbound;

import java.net.URI;
import java.time.ZoneId;

/**
 * What a request to one UIS account needs: where its APIs and recordings are, how it
 * authenticates, and the zone of its local dates. Its {@code toString} never shows a
 * secret.
 *
 * @param accountId the telephony account (its point limits are kept per account)
 * @param callApi the Call API endpoint
 * @param dataApi the Data API endpoint
 * @param media where recordings are played from
 * @param auth a permanent access token or a login and password
 * @param zone the zone of UIS's local times
 */
record UisAccess(long accountId, URI callApi, URI dataApi, URI media, Auth auth, ZoneId zone) {

	/** The endpoint of one API. */
	URI endpoint(UisApi api) {
		return (api == UisApi.CALL) ? this.callApi : this.dataApi;
	}

	@Override
	public String toString() {
		return "UisAccess[" + this.accountId + ", " + this.callApi + ", " + this.dataApi + ", " + this.auth + "]";
	}

	/** How requests are authenticated. */
	sealed interface Auth {

		/** The secrets no text may show. */
		String[] secrets();

	}

	/**
	 * A permanent access key ("Доступ по ключу").
	 *
	 * @param accessToken the key
	 */
	record Token(String accessToken) implements Auth {

		@Override
		public String[] secrets() {
			return new String[] { this.accessToken };
		}

		@Override
		public String toString() {
			return "Token[hidden]";
		}

	}

	/**
	 * A user's login and password, exchanged for one-hour sessions with
	 * {@code login.user}.
	 *
	 * @param login the user's login
	 * @param password the user's password
	 */
	record Login(String login, String password) implements Auth {

		@Override
		public String[] secrets() {
			return new String[] { this.password };
		}

		@Override
		public String toString() {
			return "Login[" + this.login + ", password hidden]";
		}

	}

}
