package io.callbridge.calls.application;

import java.util.List;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links a call to a contact from the screen pop: the one the agent picked among several
 * with the number, a new contact created for an unknown number, an existing contact the
 * number is added to, or one found by name for a withheld number.
 */
@Service
public class CallLinking {

	private final JdbcClient jdbc;

	private final Calls calls;

	private final Contacts contacts;

	private final ContactService contactService;

	CallLinking(JdbcClient jdbc, Calls calls, Contacts contacts, ContactService contactService) {
		this.jdbc = jdbc;
		this.calls = calls;
		this.contacts = contacts;
		this.contactService = contactService;
	}

	@Transactional
	public Call link(CurrentUser user, long callId, long contactId) {
		this.calls.get(user.tenantId(), callId);
		this.contacts.get(user.tenantId(), contactId);
		return setContact(user.tenantId(), callId, contactId);
	}

	/** Links a call to a contact on behalf of an automatic rule (no user involved). */
	@Transactional
	public Call linkByRule(long tenantId, long callId, long contactId) {
		this.calls.get(tenantId, callId);
		this.contacts.get(tenantId, contactId);
		return setContact(tenantId, callId, contactId);
	}

	/** Creates a contact with the call's number and links the call to it. */
	@Transactional
	public Call createContact(CurrentUser user, long callId, String name, @Nullable String company) {
		Call call = this.calls.get(user.tenantId(), callId);
		String number = requireNumber(call);
		Contact contact = this.contactService.create(user.tenantId(),
				new ContactCommand(name, company, null, null, user.userId(), null, List.of(number), List.of()));
		return setContact(user.tenantId(), callId, contact.id());
	}

	/** Adds the call's number to an existing contact and links the call to it. */
	@Transactional
	public Call addNumberTo(CurrentUser user, long callId, long contactId) {
		Call call = this.calls.get(user.tenantId(), callId);
		this.contactService.addPhone(user.tenantId(), contactId, requireNumber(call));
		return setContact(user.tenantId(), callId, contactId);
	}

	private Call setContact(long tenantId, long callId, long contactId) {
		this.jdbc.sql("UPDATE calls SET contact_id = ? WHERE id = ? AND tenant_id = ?")
			.params(contactId, callId, tenantId)
			.update();
		return this.calls.get(tenantId, callId);
	}

	private static String requireNumber(Call call) {
		if (call.externalNumber() == null) {
			throw new Problems.Conflict(Text.of("calls.numberWithheld"));
		}
		return call.externalNumber();
	}

}
