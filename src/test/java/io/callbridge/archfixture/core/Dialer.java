package io.callbridge.archfixture.core;

import io.callbridge.archfixture.alpha.AlphaClient;

/** Core code that uses a provider directly instead of the port (not allowed). */
public class Dialer {

	private final AlphaClient provider = new AlphaClient();

	@Override
	public String toString() {
		return this.provider.toString();
	}

}
