package com.example.hub.onec.send;

import com.example.hub.onec.web.ReceivedAt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where 1C sends its requests. Each is answered {@code 202 Accepted} once the broker confirmed it; its outcome shows
 * at {@code /requests/{request_id}} (the {@code Location} of the answer), with the client whose API key sent it
 * ({@code submitted_by}).
 */
@RestController
class SendController {

    private final RequestSender sender;

    SendController(RequestSender sender) {
        this.sender = sender;
    }

    @PostMapping(path = "/send_to_dms", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SendAccepted> sendToDms(
            @Valid @RequestBody SendToDmsRequest request, HttpServletRequest httpRequest, Principal client) {
        return send(
                request.requestId(),
                SendToDmsRequest.TARGET,
                SendToDmsRequest.MESSAGE_TYPE,
                request.payload(),
                ReceivedAt.of(httpRequest),
                client);
    }

    @PostMapping(path = "/send_to_crm", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SendAccepted> sendToCrm(
            @Valid @RequestBody SendToCrmRequest request, HttpServletRequest httpRequest, Principal client) {
        return send(
                request.requestId(),
                SendToCrmRequest.TARGET,
                SendToCrmRequest.MESSAGE_TYPE,
                request.payload(),
                ReceivedAt.of(httpRequest),
                client);
    }

    private ResponseEntity<SendAccepted> send(
            String givenRequestId,
            String target,
            String messageType,
            Map<String, Object> payload,
            Instant receivedAt,
            Principal client) {
        String requestId = RequestIds.orGenerate(givenRequestId);
        SendOutcome outcome = this.sender.send(requestId, target, messageType, payload, receivedAt, client.getName());
        return ResponseEntity.accepted()
                .location(RequestIds.location(requestId))
                .body(SendAccepted.to(target, requestId, outcome));
    }
}
