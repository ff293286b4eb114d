package io.callbridge.contacts.web;

import java.util.List;

import io.callbridge.contacts.Blacklist;
import io.callbridge.contacts.Blacklist.Entry;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of the blacklist: supervisors and admins manage it, everyone may read it.
 */
@RestController
@Tag(name = "Blacklist", description = "Numbers whose calls are rejected when they start")
class BlacklistApiController {

	private final Blacklist blacklist;

	BlacklistApiController(Blacklist blacklist) {
		this.blacklist = blacklist;
	}

	@GetMapping("/api/v1/blacklist")
	List<Entry> list(CurrentUser user) {
		return this.blacklist.list(user.tenantId());
	}

	@PostMapping("/api/v1/blacklist")
	@ResponseStatus(HttpStatus.CREATED)
	Entry add(CurrentUser user, @Valid @RequestBody EntryRequest request) {
		user.require(Role.SUPERVISOR);
		return this.blacklist.add(user.tenantId(), request.number(), request.reason(), user.userId());
	}

	@DeleteMapping("/api/v1/blacklist/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		this.blacklist.remove(user.tenantId(), id);
	}

	/**
	 * A number to blacklist.
	 *
	 * @param number any format
	 * @param reason why
	 */
	record EntryRequest(@NotBlank String number, @Nullable String reason) {
	}

}
