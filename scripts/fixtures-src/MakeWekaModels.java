// Real Weka models for the Java serialization fixtures (scripts/make-fixtures-formats.py compiles
// and runs this against Debian's weka.jar): IBk keeps its training instances, J48 is a tree, and a
// HashMap of settings is a Java serialization stream that is no model.
import java.io.FileOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import weka.classifiers.lazy.IBk;
import weka.classifiers.trees.J48;
import weka.core.Attribute;
import weka.core.FastVector;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SerializationHelper;

public class MakeWekaModels {
  public static void main(String[] args) throws Exception {
    String dir = args[0];
    Instances patients = patients();
    IBk knn = new IBk(3);
    knn.buildClassifier(patients);
    SerializationHelper.write(dir + "/java/ibk.model", knn);
    J48 tree = new J48();
    tree.buildClassifier(patients);
    SerializationHelper.writeAll(dir + "/java/j48_with_header.model", new Object[] {tree, new Instances(patients, 0)});
    HashMap<String, Object> settings = new HashMap<>();
    settings.put("name", "nightly");
    settings.put("retries", new ArrayList<>(Arrays.asList(1, 2, 3)));
    try (ObjectOutputStream out = new ObjectOutputStream(new FileOutputStream(dir + "/clean/settings.ser"))) {
      out.writeObject(settings);
    }
  }

  static Instances patients() {
    FastVector attributes = new FastVector();
    attributes.addElement(new Attribute("age"));
    attributes.addElement(new Attribute("bmi"));
    FastVector labels = new FastVector();
    labels.addElement("no");
    labels.addElement("yes");
    attributes.addElement(new Attribute("diabetic", labels));
    Instances data = new Instances("patients", attributes, 6);
    data.setClassIndex(2);
    double[][] rows = {{31, 22.1, 0}, {45, 27.4, 1}, {52, 31.0, 1}, {38, 24.8, 0}, {60, 29.9, 1}, {27, 21.5, 0}};
    for (double[] row : rows) data.add(new Instance(1.0, row));
    return data;
  }
}
