package io.callbridge.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a host name into the addresses a connection would go to. The system's DNS by
 * default; a test replaces it to make a name change its answer between the time an
 * endpoint is saved and the time a message is sent.
 */
@FunctionalInterface
public interface HostResolver {

	/** Every address of the host (an address literal resolves to itself). */
	InetAddress[] resolve(String host) throws UnknownHostException;

	/** The JDK's resolver ({@link InetAddress#getAllByName}). */
	static HostResolver system() {
		return InetAddress::getAllByName;
	}

}
