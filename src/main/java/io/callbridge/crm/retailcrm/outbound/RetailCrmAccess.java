package io.callbridge.crm.retailcrm.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmSecrets;
import io.callbridge.shared.Text;
import io.callbridge.telephony.ProviderSecrets;

/**
 * Where and as whom a connection speaks to retailCRM: the account's API v5 root, the API
 * key, the key's short hash naming its request limits (never the key itself), and the
 * secrets no text about a request may show (the key and the connection's client id, which
 * the registration carries).
 *
 * @param api the API root, e.g. {@code https://shop.retailcrm.ru/api/v5/}
 * @param apiKey the API key
 * @param keyHash the first 16 hex digits of the key's SHA-256
 * @param secrets what to scrub from every text
 */
record RetailCrmAccess(URI api, String apiKey, String keyHash, ProviderSecrets secrets) {

	/** The connector's secret field holding the API key. */
	static final String API_KEY = "apiKey";

	/** The core's field holding the CRM's address. */
	static final String BASE_URL = "baseUrl";

	/**
	 * The access of a connection.
	 * @throws RetailCrmConfigException when it has no API key (or one that cannot be a
	 * key) or its address is no http(s) URL
	 */
	static RetailCrmAccess of(CrmConnection connection, CrmSecrets secrets) {
		String key = secrets.get(API_KEY);
		if (key == null || key.isBlank()) {
			throw new RetailCrmConfigException(API_KEY, Text.of("retailcrm.noApiKey"));
		}
		String apiKey = key.strip();
		// It travels in a header: anything but visible ASCII could never be a key.
		if (!apiKey.chars().allMatch((c) -> c > ' ' && c < 127)) {
			throw new RetailCrmConfigException(API_KEY, Text.of("retailcrm.badApiKey"));
		}
		return new RetailCrmAccess(apiRoot(connection.baseUrl()), apiKey, hash(apiKey),
				ProviderSecrets.of(apiKey, connection.clientId()));
	}

	@Override
	public String toString() {
		return "RetailCrmAccess[" + this.api + ", key " + this.keyHash + "]";
	}

	/**
	 * The API v5 root of an account's address: {@code https://shop.retailcrm.ru},
	 * {@code …/}, {@code …/api} and {@code …/api/v5} all give
	 * {@code https://shop.retailcrm.ru/api/v5/}.
	 */
	static URI apiRoot(String baseUrl) {
		String base = baseUrl.strip().replaceAll("/+$", "");
		String lower = base.toLowerCase(Locale.ROOT);
		if (lower.endsWith("/api/v5")) {
			base = base.substring(0, base.length() - "/api/v5".length());
		}
		else if (lower.endsWith("/api")) {
			base = base.substring(0, base.length() - "/api".length());
		}
		try {
			URI uri = new URI(base + "/api/v5/");
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getQuery() != null
					|| uri.getUserInfo() != null) {
				throw new RetailCrmConfigException(BASE_URL, Text.of("retailcrm.badBaseUrl", baseUrl));
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new RetailCrmConfigException(BASE_URL, Text.of("retailcrm.badBaseUrl", baseUrl));
		}
	}

	static String hash(String apiKey) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
