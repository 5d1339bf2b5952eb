package com.example.hub.creatio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code GET /0/odata/$metadata}: the CSDL of {@code Order} (custom columns included) and {@code OrderStatus}. */
class MetadataTests extends FakeCreatioHttpTests {

    static final String EDM = "http://docs.oasis-open.org/odata/ns/edm";

    @Test
    void describesOrderWithItsCustomColumnsAndOrderStatus() throws Exception {
        TestSession session = http.loginAsSupervisor();

        HttpResponse response = http.odata(HttpMethod.GET, "$metadata", null, session);

        assertThat(response.status()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(response.headers().getFirst("Content-Type"))
                        .isCompatibleWith(MediaType.APPLICATION_XML))
                .isTrue();
        Document csdl = parse(response.body());
        assertThat(csdl.getDocumentElement().getLocalName()).isEqualTo("Edmx");
        assertThat(csdl.getDocumentElement().getAttribute("Version")).isEqualTo("4.0");
        assertThat(properties(csdl, "Order"))
                .containsEntry("Id", "Edm.Guid")
                .containsEntry("Number", "Edm.String")
                .containsEntry("StatusId", "Edm.Guid")
                .containsEntry("Comment", "Edm.String")
                .containsEntry("Amount", "Edm.Decimal")
                .containsEntry("CreatedOn", "Edm.DateTimeOffset")
                .containsEntry("ModifiedOn", "Edm.DateTimeOffset")
                .containsEntry("UsrPolicyNumber", "Edm.String")
                .containsEntry("UsrInsurer", "Edm.String")
                .containsEntry("UsrPolicyStatus", "Edm.String")
                .containsEntry("UsrPolicyStartDate", "Edm.String")
                .containsEntry("UsrPolicyEndDate", "Edm.String")
                .hasSize(12);
        assertThat(properties(csdl, "OrderStatus"))
                .containsEntry("Id", "Edm.Guid")
                .containsEntry("Name", "Edm.String");
        Element status = (Element) entityType(csdl, "Order")
                .getElementsByTagNameNS(EDM, "NavigationProperty")
                .item(0);
        assertThat(status.getAttribute("Name")).isEqualTo("Status");
        assertThat(status.getAttribute("Type")).isEqualTo("Terrasoft.Configuration.OrderStatus");
        NodeList sets = csdl.getElementsByTagNameNS(EDM, "EntitySet");
        assertThat(sets.getLength()).isEqualTo(2);
    }

    @Test
    void needsASessionLikeEveryODataCall() {
        assertThat(http.get("/0/odata/$metadata").status()).isEqualTo(401);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Element entityType(Document csdl, String name) {
        NodeList types = csdl.getElementsByTagNameNS(EDM, "EntityType");
        for (int i = 0; i < types.getLength(); i++) {
            Element type = (Element) types.item(i);
            if (type.getAttribute("Name").equals(name)) {
                return type;
            }
        }
        throw new AssertionError("No EntityType " + name);
    }

    /** The properties of an entity type: name to type. */
    static Map<String, String> properties(Document csdl, String typeName) {
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList nodes = entityType(csdl, typeName).getElementsByTagNameNS(EDM, "Property");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element property = (Element) nodes.item(i);
            properties.put(property.getAttribute("Name"), property.getAttribute("Type"));
        }
        return properties;
    }
}
