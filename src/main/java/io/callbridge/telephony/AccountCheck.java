package io.callbridge.telephony;

/**
 * One check of an account against its provider and its outcome.
 *
 * @param code a stable identifier of the check, e.g. {@code credentials}, {@code balance}
 * @param name what was checked, for people
 * @param passed whether it passed
 * @param detail the provider's answer or what was found (a balance, an error message)
 */
public record AccountCheck(String code, String name, boolean passed, String detail) {
}
