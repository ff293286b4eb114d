package io.callbridge.zadarma.outbound;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.callbridge.zadarma.ZadarmaHmac;

/**
 * Zadarma's REST authorization: the {@code Authorization} header value
 * {@code key:Base64(hex(HMAC-SHA1(secret, path + query + md5hex(query))))} over the
 * parameters sorted by name and encoded like PHP's {@code http_build_query} (RFC 1738).
 */
final class ZadarmaRequestSigner {

	private ZadarmaRequestSigner() {
	}

	/**
	 * The {@code Authorization} header value for a request.
	 * @param key the API key
	 * @param secret the API secret
	 * @param path the method path with version and trailing slash, e.g.
	 * {@code /v1/info/balance/}
	 * @param params every parameter sent, {@code format} included
	 */
	static String authorization(String key, String secret, String path, Map<String, String> params) {
		String query = query(params);
		return key + ":" + ZadarmaHmac.sign(secret, path + query + md5Hex(query));
	}

	/**
	 * The parameters sorted by name and joined like PHP's
	 * {@code http_build_query(..., PHP_QUERY_RFC1738)}; also the form sent on the wire.
	 */
	static String query(Map<String, String> params) {
		return new TreeMap<>(params).entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	/**
	 * PHP's {@code urlencode}: Java's form encoding, except that PHP also encodes
	 * {@code *}.
	 */
	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("*", "%2A");
	}

	static String md5Hex(String value) {
		try {
			MessageDigest md5 = MessageDigest.getInstance("MD5");
			return HexFormat.of().formatHex(md5.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is not available", ex);
		}
	}

}
