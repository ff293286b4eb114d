package io.callbridge.archfixture.port;

/** The made-up provider port. */
public interface Port {

}
