package io.callbridge.crm;

import java.util.Map;

import io.callbridge.shared.SecretCipher;

import org.springframework.stereotype.Component;

/**
 * Seals and opens a connection's credentials: the connector's secret fields as one JSON
 * object, encrypted with the server's {@link SecretCipher} (the key that protects the
 * telephony accounts' credentials), never stored or shown in clear.
 */
@Component
class Credentials {

	private final SecretCipher cipher;

	Credentials(SecretCipher cipher) {
		this.cipher = cipher;
	}

	String seal(Map<String, String> secrets) {
		return this.cipher.encrypt(CrmJson.map(secrets));
	}

	CrmSecrets open(String sealed) {
		return new CrmSecrets(CrmJson.map(this.cipher.decrypt(sealed)));
	}

}
