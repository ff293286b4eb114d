package io.callbridge.uis.outbound;

import java.net.URI;

import io.callbridge.shared.Text;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.uis.UisSettings;
import io.callbridge.uis.outbound.UisApiException.Kind;

/**
 * Where and how to reach one UIS account: its brand's hosts, or its own API addresses
 * where the server allows them (recordings then from the Data API's host), its permanent
 * token or else its login and password, and the zone of its local times.
 */
final class UisAccessOf {

	private UisAccessOf() {
	}

	/**
	 * The account's access.
	 * @throws UisApiException of kind {@link Kind#CREDENTIALS_REJECTED} when it has
	 * neither a token nor a login and password
	 */
	static UisAccess account(UisProperties properties, TelephonyAccount account, Credentials credentials) {
		UisSettings settings = UisSettings.of(account);
		UisProperties.Hosts hosts = properties.hostsOf(settings.brand());
		boolean own = properties.accountBaseUrlAllowed();
		URI callApi = own ? settings.callApiUrl().orElse(hosts.callApi()) : hosts.callApi();
		URI dataApi = own ? settings.dataApiUrl().orElse(hosts.dataApi()) : hosts.dataApi();
		URI media = (own && settings.dataApiUrl().isPresent()) ? origin(dataApi) : hosts.media();
		return new UisAccess(account.id(), callApi, dataApi, media, auth(account, credentials), settings.timeZone());
	}

	private static UisAccess.Auth auth(TelephonyAccount account, Credentials credentials) {
		String token = credentials.get(UisTelephonyClient.ACCESS_TOKEN);
		if (token != null && !token.isBlank()) {
			return new UisAccess.Token(token.strip());
		}
		String login = credentials.get(UisTelephonyClient.LOGIN);
		String password = credentials.get(UisTelephonyClient.PASSWORD);
		if (login != null && !login.isBlank() && password != null && !password.isEmpty()) {
			return new UisAccess.Login(login.strip(), password);
		}
		throw UisApiException.of(Kind.CREDENTIALS_REJECTED, Text.of("uis.noCredentials", account.name()));
	}

	private static URI origin(URI uri) {
		return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
	}

}
