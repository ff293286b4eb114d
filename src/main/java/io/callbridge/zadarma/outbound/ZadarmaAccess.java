package io.callbridge.zadarma.outbound;

import java.net.URI;
import java.time.ZoneId;

/**
 * What a request to one Zadarma account needs: where to send it, the API key and secret
 * to sign it with, and the account's time zone (Zadarma's dates carry none). Its
 * {@code toString} never shows the secret.
 *
 * @param baseUrl the API host
 * @param key the API key
 * @param secret the API secret
 * @param zone the account's time zone in Zadarma
 */
record ZadarmaAccess(URI baseUrl, String key, String secret, ZoneId zone) {

	@Override
	public String toString() {
		return "ZadarmaAccess[" + this.baseUrl + ", key " + this.key + ", secret hidden, " + this.zone + "]";
	}

}
