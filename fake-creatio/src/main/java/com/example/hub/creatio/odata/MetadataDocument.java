package com.example.hub.creatio.odata;

import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.stereotype.Component;

/**
 * The CSDL document of {@code GET /0/odata/$metadata}: the entity types of {@link ODataModel} (the configured custom
 * columns of {@code Order} included) in the namespace {@code Terrasoft.Configuration}, and their entity sets.
 */
@Component
class MetadataDocument {

    private static final String EDMX = "http://docs.oasis-open.org/odata/ns/edmx";
    private static final String EDM = "http://docs.oasis-open.org/odata/ns/edm";

    private final String xml;

    MetadataDocument(ODataModel model) {
        this.xml = render(model);
    }

    String xml() {
        return xml;
    }

    private static String render(ODataModel model) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            xml.writeStartDocument("utf-8", "1.0");
            xml.writeStartElement("edmx", "Edmx", EDMX);
            xml.writeNamespace("edmx", EDMX);
            xml.writeAttribute("Version", "4.0");
            xml.writeStartElement("edmx", "DataServices", EDMX);
            xml.writeStartElement("Schema");
            xml.writeDefaultNamespace(EDM);
            xml.writeAttribute("Namespace", EntityType.NAMESPACE);
            for (EntityType type : model.entityTypes()) {
                entityType(xml, type);
            }
            xml.writeStartElement("EntityContainer");
            xml.writeAttribute("Name", "BPMonline");
            for (EntityType type : model.entityTypes()) {
                xml.writeEmptyElement("EntitySet");
                xml.writeAttribute("Name", type.name());
                xml.writeAttribute("EntityType", type.qualifiedName());
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the $metadata document", e);
        }
        return out.toString();
    }

    private static void entityType(XMLStreamWriter xml, EntityType type) throws XMLStreamException {
        xml.writeStartElement("EntityType");
        xml.writeAttribute("Name", type.name());
        xml.writeStartElement("Key");
        xml.writeEmptyElement("PropertyRef");
        xml.writeAttribute("Name", "Id");
        xml.writeEndElement();
        for (EntityType.Property property : type.properties()) {
            xml.writeEmptyElement("Property");
            xml.writeAttribute("Name", property.name());
            xml.writeAttribute("Type", property.edmType());
            if (!property.nullable()) {
                xml.writeAttribute("Nullable", "false");
            }
        }
        for (var navigation : type.navigations().entrySet()) {
            xml.writeStartElement("NavigationProperty");
            xml.writeAttribute("Name", navigation.getKey());
            xml.writeAttribute(
                    "Type", EntityType.NAMESPACE + "." + navigation.getValue().target());
            xml.writeEmptyElement("ReferentialConstraint");
            xml.writeAttribute("Property", navigation.getValue().idProperty());
            xml.writeAttribute("ReferencedProperty", "Id");
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
}
