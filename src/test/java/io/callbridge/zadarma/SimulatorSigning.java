package io.callbridge.zadarma;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Signs raw requests to the {@link ZadarmaSimulator} as the official SDKs do (with
 * {@code format=json}), for tests that talk to it without the production client.
 */
final class SimulatorSigning {

	private SimulatorSigning() {
	}

	static String query(Map<String, String> params) {
		Map<String, String> all = new TreeMap<>(params);
		all.put("format", "json");
		return all.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String authorization(String key, String secret, String path, Map<String, String> params) {
		String query = query(params);
		return key + ":" + ZadarmaHmac.sign(secret, path + query + md5(query));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("*", "%2A");
	}

	private static String md5(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
