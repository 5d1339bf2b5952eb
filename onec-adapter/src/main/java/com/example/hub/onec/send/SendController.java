package com.example.hub.onec.send;

import com.example.hub.onec.web.ReceivedAt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Requests of 1C", description = "1C sends requests to DMS and CRM through the hub")
@ApiResponses({
    @ApiResponse(responseCode = "202", description = "The broker has the request (or had it: a repetition)"),
    @ApiResponse(
            responseCode = "400",
            description = "Invalid request: the fields that are wrong, by name",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
    @ApiResponse(
            responseCode = "401",
            description = "No API key, or an unknown one",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
    @ApiResponse(
            responseCode = "403",
            description = "A key that may not send",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
    @ApiResponse(
            responseCode = "409",
            description = "The request id was used with another body: nothing was sent",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
    @ApiResponse(
            responseCode = "413",
            description = "Body larger than onec.max-request-size",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
    @ApiResponse(
            responseCode = "415",
            description = "Not application/json",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
    @ApiResponse(
            responseCode = "503",
            description = "Nothing recorded or sent (broker, journal or too busy): post it again after Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
})
class SendController {

    private final RequestSender sender;

    SendController(RequestSender sender) {
        this.sender = sender;
    }

    @Operation(
            summary = "Ask DMS to create a user",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            value = "{\"request_id\":\"USER_REQ_001\","
                                                                    + "\"user_id\":\"U12345\",\"name\":\"Иванов Иван\","
                                                                    + "\"email\":\"ivanov@example.com\"}"))))
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

    @Operation(
            summary = "Ask CRM to update an order's status, optionally with its policy from DMS",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            examples =
                                                    @ExampleObject(
                                                            value = "{\"request_id\":\"ORDER_REQ_002\","
                                                                    + "\"order_id\":\"ORD9876\",\"status\":\"Shipped\","
                                                                    + "\"needs_policy_info\":true}"))))
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
