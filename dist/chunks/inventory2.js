import { randomUUID, createHash } from 'node:crypto';
import { g as getAugmentedNamespace } from './_commonjsHelpers.js';
import { V as VERSION } from './version.js';
import { a as scan, L as LIMITS } from './scan2.js';
import 'node:zlib';
import { G as GitRepository } from './git.js';

var enums$1 = {};

var attachmentEncoding = {};

var hasRequiredAttachmentEncoding;

function requireAttachmentEncoding () {
	if (hasRequiredAttachmentEncoding) return attachmentEncoding;
	hasRequiredAttachmentEncoding = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(attachmentEncoding, "__esModule", { value: true });
	attachmentEncoding.AttachmentEncoding = void 0;
	var AttachmentEncoding;
	(function (AttachmentEncoding) {
	    AttachmentEncoding["Base64"] = "base64";
	})(AttachmentEncoding || (attachmentEncoding.AttachmentEncoding = AttachmentEncoding = {}));
	
	return attachmentEncoding;
}

var componentScope = {};

var hasRequiredComponentScope;

function requireComponentScope () {
	if (hasRequiredComponentScope) return componentScope;
	hasRequiredComponentScope = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(componentScope, "__esModule", { value: true });
	componentScope.ComponentScope = void 0;
	var ComponentScope;
	(function (ComponentScope) {
	    ComponentScope["Required"] = "required";
	    ComponentScope["Optional"] = "optional";
	    ComponentScope["Excluded"] = "excluded";
	})(ComponentScope || (componentScope.ComponentScope = ComponentScope = {}));
	
	return componentScope;
}

var componentType = {};

var hasRequiredComponentType;

function requireComponentType () {
	if (hasRequiredComponentType) return componentType;
	hasRequiredComponentType = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(componentType, "__esModule", { value: true });
	componentType.ComponentType = void 0;
	var ComponentType;
	(function (ComponentType) {
	    ComponentType["Application"] = "application";
	    ComponentType["Framework"] = "framework";
	    ComponentType["Library"] = "library";
	    ComponentType["Container"] = "container";
	    ComponentType["Platform"] = "platform";
	    ComponentType["OperatingSystem"] = "operating-system";
	    ComponentType["Device"] = "device";
	    ComponentType["DeviceDriver"] = "device-driver";
	    ComponentType["Firmware"] = "firmware";
	    ComponentType["File"] = "file";
	    ComponentType["MachineLearningModel"] = "machine-learning-model";
	    ComponentType["Data"] = "data";
	    ComponentType["CryptographicAsset"] = "cryptographic-asset";
	})(ComponentType || (componentType.ComponentType = ComponentType = {}));
	
	return componentType;
}

var externalReferenceType = {};

var hasRequiredExternalReferenceType;

function requireExternalReferenceType () {
	if (hasRequiredExternalReferenceType) return externalReferenceType;
	hasRequiredExternalReferenceType = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(externalReferenceType, "__esModule", { value: true });
	externalReferenceType.ExternalReferenceType = void 0;
	var ExternalReferenceType;
	(function (ExternalReferenceType) {
	    ExternalReferenceType["VCS"] = "vcs";
	    ExternalReferenceType["IssueTracker"] = "issue-tracker";
	    ExternalReferenceType["Website"] = "website";
	    ExternalReferenceType["Advisories"] = "advisories";
	    ExternalReferenceType["BOM"] = "bom";
	    ExternalReferenceType["MailingList"] = "mailing-list";
	    ExternalReferenceType["Social"] = "social";
	    ExternalReferenceType["Chat"] = "chat";
	    ExternalReferenceType["Documentation"] = "documentation";
	    ExternalReferenceType["Support"] = "support";
	    ExternalReferenceType["SourceDistribution"] = "source-distribution";
	    ExternalReferenceType["Distribution"] = "distribution";
	    ExternalReferenceType["DistributionIntake"] = "distribution-intake";
	    ExternalReferenceType["License"] = "license";
	    ExternalReferenceType["BuildMeta"] = "build-meta";
	    ExternalReferenceType["BuildSystem"] = "build-system";
	    ExternalReferenceType["ReleaseNotes"] = "release-notes";
	    ExternalReferenceType["SecurityContact"] = "security-contact";
	    ExternalReferenceType["ModelCard"] = "model-card";
	    ExternalReferenceType["Log"] = "log";
	    ExternalReferenceType["Configuration"] = "configuration";
	    ExternalReferenceType["Evidence"] = "evidence";
	    ExternalReferenceType["Formulation"] = "formulation";
	    ExternalReferenceType["Attestation"] = "attestation";
	    ExternalReferenceType["ThreatModel"] = "threat-model";
	    ExternalReferenceType["AdversaryModel"] = "adversary-model";
	    ExternalReferenceType["RiskAssessment"] = "risk-assessment";
	    ExternalReferenceType["VulnerabilityAssertion"] = "vulnerability-assertion";
	    ExternalReferenceType["ExploitabilityStatement"] = "exploitability-statement";
	    ExternalReferenceType["PentestReport"] = "pentest-report";
	    ExternalReferenceType["StaticAnalysisReport"] = "static-analysis-report";
	    ExternalReferenceType["DynamicAnalysisReport"] = "dynamic-analysis-report";
	    ExternalReferenceType["RuntimeAnalysisReport"] = "runtime-analysis-report";
	    ExternalReferenceType["ComponentAnalysisReport"] = "component-analysis-report";
	    ExternalReferenceType["MaturityReport"] = "maturity-report";
	    ExternalReferenceType["CertificationReport"] = "certification-report";
	    ExternalReferenceType["CodifiedInfrastructure"] = "codified-infrastructure";
	    ExternalReferenceType["QualityMetrics"] = "quality-metrics";
	    ExternalReferenceType["POAM"] = "poam";
	    ExternalReferenceType["ElectronicSignature"] = "electronic-signature";
	    ExternalReferenceType["DigitalSignature"] = "digital-signature";
	    ExternalReferenceType["RFC9116"] = "rfc-9116";
	    ExternalReferenceType["Citation"] = "citation";
	    ExternalReferenceType["Patent"] = "patent";
	    ExternalReferenceType["PatentAssertion"] = "patent-assertion";
	    ExternalReferenceType["PatentFamily"] = "patent-family";
	    ExternalReferenceType["Other"] = "other";
	})(ExternalReferenceType || (externalReferenceType.ExternalReferenceType = ExternalReferenceType = {}));
	
	return externalReferenceType;
}

var hashAlogorithm = {};

var hasRequiredHashAlogorithm;

function requireHashAlogorithm () {
	if (hasRequiredHashAlogorithm) return hashAlogorithm;
	hasRequiredHashAlogorithm = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(hashAlogorithm, "__esModule", { value: true });
	hashAlogorithm.HashAlgorithm = void 0;
	var HashAlgorithm;
	(function (HashAlgorithm) {
	    HashAlgorithm["MD5"] = "MD5";
	    HashAlgorithm["SHA-1"] = "SHA-1";
	    HashAlgorithm["SHA-256"] = "SHA-256";
	    HashAlgorithm["SHA-384"] = "SHA-384";
	    HashAlgorithm["SHA-512"] = "SHA-512";
	    HashAlgorithm["SHA3-256"] = "SHA3-256";
	    HashAlgorithm["SHA3-384"] = "SHA3-384";
	    HashAlgorithm["SHA3-512"] = "SHA3-512";
	    HashAlgorithm["BLAKE2b-256"] = "BLAKE2b-256";
	    HashAlgorithm["BLAKE2b-384"] = "BLAKE2b-384";
	    HashAlgorithm["BLAKE2b-512"] = "BLAKE2b-512";
	    HashAlgorithm["BLAKE3"] = "BLAKE3";
	    HashAlgorithm["Streebog-256"] = "Streebog-256";
	    HashAlgorithm["Streebog-512"] = "Streebog-512";
	})(HashAlgorithm || (hashAlogorithm.HashAlgorithm = HashAlgorithm = {}));
	
	return hashAlogorithm;
}

var licenseAcknowledgement = {};

var hasRequiredLicenseAcknowledgement;

function requireLicenseAcknowledgement () {
	if (hasRequiredLicenseAcknowledgement) return licenseAcknowledgement;
	hasRequiredLicenseAcknowledgement = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(licenseAcknowledgement, "__esModule", { value: true });
	licenseAcknowledgement.LicenseAcknowledgement = void 0;
	var LicenseAcknowledgement;
	(function (LicenseAcknowledgement) {
	    LicenseAcknowledgement["Declared"] = "declared";
	    LicenseAcknowledgement["Concluded"] = "concluded";
	})(LicenseAcknowledgement || (licenseAcknowledgement.LicenseAcknowledgement = LicenseAcknowledgement = {}));
	
	return licenseAcknowledgement;
}

var lifecyclePhase = {};

var hasRequiredLifecyclePhase;

function requireLifecyclePhase () {
	if (hasRequiredLifecyclePhase) return lifecyclePhase;
	hasRequiredLifecyclePhase = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(lifecyclePhase, "__esModule", { value: true });
	lifecyclePhase.LifecyclePhase = void 0;
	var LifecyclePhase;
	(function (LifecyclePhase) {
	    LifecyclePhase["Design"] = "design";
	    LifecyclePhase["PreBuild"] = "pre-build";
	    LifecyclePhase["Build"] = "build";
	    LifecyclePhase["PostBuild"] = "post-build";
	    LifecyclePhase["Operations"] = "operations";
	    LifecyclePhase["Discovery"] = "discovery";
	    LifecyclePhase["Decommission"] = "decommission";
	})(LifecyclePhase || (lifecyclePhase.LifecyclePhase = LifecyclePhase = {}));
	
	return lifecyclePhase;
}

var vulnerability$2 = {};

var affectStatus = {};

var hasRequiredAffectStatus;

function requireAffectStatus () {
	if (hasRequiredAffectStatus) return affectStatus;
	hasRequiredAffectStatus = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(affectStatus, "__esModule", { value: true });
	affectStatus.AffectStatus = void 0;
	var AffectStatus;
	(function (AffectStatus) {
	    AffectStatus["Affected"] = "affected";
	    AffectStatus["Unaffected"] = "unaffected";
	    AffectStatus["Unknown"] = "unknown";
	})(AffectStatus || (affectStatus.AffectStatus = AffectStatus = {}));
	
	return affectStatus;
}

var analysisJustification = {};

var hasRequiredAnalysisJustification;

function requireAnalysisJustification () {
	if (hasRequiredAnalysisJustification) return analysisJustification;
	hasRequiredAnalysisJustification = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(analysisJustification, "__esModule", { value: true });
	analysisJustification.AnalysisJustification = void 0;
	var AnalysisJustification;
	(function (AnalysisJustification) {
	    AnalysisJustification["CodeNotPresent"] = "code_not_present";
	    AnalysisJustification["CodeNotReachable"] = "code_not_reachable";
	    AnalysisJustification["RequiresConfiguration"] = "requires_configuration";
	    AnalysisJustification["RequiresDependency"] = "requires_dependency";
	    AnalysisJustification["RequiresEnvironment"] = "requires_environment";
	    AnalysisJustification["ProtectedByCompiler"] = "protected_by_compiler";
	    AnalysisJustification["ProtectedAtRuntime"] = "protected_at_runtime";
	    AnalysisJustification["ProtectedAtPerimeter"] = "protected_at_perimeter";
	    AnalysisJustification["ProtectedByMitigatingControl"] = "protected_by_mitigating_control";
	})(AnalysisJustification || (analysisJustification.AnalysisJustification = AnalysisJustification = {}));
	
	return analysisJustification;
}

var analysisResponse = {};

var sortable = {};

var hasRequiredSortable;

function requireSortable () {
	if (hasRequiredSortable) return sortable;
	hasRequiredSortable = 1;
	(function (exports) {
		/*!
		This file is part of CycloneDX JavaScript Library.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		   http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.

		SPDX-License-Identifier: Apache-2.0
		Copyright (c) OWASP Foundation. All Rights Reserved.
		*/
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.SortableNumbers = exports.SortableStringables = exports.SortableComparables = exports.SortableSet = exports.compareObjectsSymbol = void 0;
		exports.compareObjectsSymbol = Symbol('internal compare function');
		class SortableSet extends Set {
		    sorted() {
		        return Array.from(this).sort(this[exports.compareObjectsSymbol]);
		    }
		    compare(other) {
		        const sortedOther = other.sorted();
		        const sortedSelf = this.sorted();
		        if (sortedSelf.length !== sortedOther.length) {
		            return sortedSelf.length - sortedOther.length;
		        }
		        for (let i = sortedSelf.length - 1; i >= 0; --i) {
		            const iCompared = this[exports.compareObjectsSymbol](sortedSelf[i], sortedOther[i]);
		            if (iCompared !== 0) {
		                return iCompared;
		            }
		        }
		        return 0;
		    }
		}
		exports.SortableSet = SortableSet;
		class SortableComparables extends SortableSet {
		    [exports.compareObjectsSymbol](a, b) {
		        if (a.constructor === b.constructor) {
		            return a.compare(b);
		        }
		        return a.constructor.name.localeCompare(b.constructor.name);
		    }
		}
		exports.SortableComparables = SortableComparables;
		class SortableStringables extends SortableSet {
		    [exports.compareObjectsSymbol](a, b) {
		        return a.toString().localeCompare(b.toString());
		    }
		}
		exports.SortableStringables = SortableStringables;
		class SortableNumbers extends SortableSet {
		    [exports.compareObjectsSymbol](a, b) {
		        return a - b;
		    }
		}
		exports.SortableNumbers = SortableNumbers;
		
	} (sortable));
	return sortable;
}

var hasRequiredAnalysisResponse;

function requireAnalysisResponse () {
	if (hasRequiredAnalysisResponse) return analysisResponse;
	hasRequiredAnalysisResponse = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(analysisResponse, "__esModule", { value: true });
	analysisResponse.AnalysisResponseRepository = analysisResponse.AnalysisResponse = void 0;
	const sortable_1 = requireSortable();
	var AnalysisResponse;
	(function (AnalysisResponse) {
	    AnalysisResponse["CanNotFix"] = "can_not_fix";
	    AnalysisResponse["WillNotFix"] = "will_not_fix";
	    AnalysisResponse["Update"] = "update";
	    AnalysisResponse["Rollback"] = "rollback";
	    AnalysisResponse["WorkaroundAvailable"] = "workaround_available";
	})(AnalysisResponse || (analysisResponse.AnalysisResponse = AnalysisResponse = {}));
	class AnalysisResponseRepository extends sortable_1.SortableStringables {
	}
	analysisResponse.AnalysisResponseRepository = AnalysisResponseRepository;
	
	return analysisResponse;
}

var analysisState = {};

var hasRequiredAnalysisState;

function requireAnalysisState () {
	if (hasRequiredAnalysisState) return analysisState;
	hasRequiredAnalysisState = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(analysisState, "__esModule", { value: true });
	analysisState.AnalysisState = void 0;
	var AnalysisState;
	(function (AnalysisState) {
	    AnalysisState["Resolved"] = "resolved";
	    AnalysisState["ResolvedWithPedigree"] = "resolved_with_pedigree";
	    AnalysisState["Exploitable"] = "exploitable";
	    AnalysisState["InTriage"] = "in_triage";
	    AnalysisState["FalsePositive"] = "false_positive";
	    AnalysisState["NotAffected"] = "not_affected";
	})(AnalysisState || (analysisState.AnalysisState = AnalysisState = {}));
	
	return analysisState;
}

var ratingMethod = {};

var hasRequiredRatingMethod;

function requireRatingMethod () {
	if (hasRequiredRatingMethod) return ratingMethod;
	hasRequiredRatingMethod = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(ratingMethod, "__esModule", { value: true });
	ratingMethod.RatingMethod = void 0;
	var RatingMethod;
	(function (RatingMethod) {
	    RatingMethod["CVSSv2"] = "CVSSv2";
	    RatingMethod["CVSSv3"] = "CVSSv3";
	    RatingMethod["CVSSv31"] = "CVSSv31";
	    RatingMethod["CVSSv4"] = "CVSSv4";
	    RatingMethod["OWASP"] = "OWASP";
	    RatingMethod["SSVC"] = "SSVC";
	    RatingMethod["Other"] = "other";
	})(RatingMethod || (ratingMethod.RatingMethod = RatingMethod = {}));
	
	return ratingMethod;
}

var severity = {};

var hasRequiredSeverity;

function requireSeverity () {
	if (hasRequiredSeverity) return severity;
	hasRequiredSeverity = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(severity, "__esModule", { value: true });
	severity.Severity = void 0;
	var Severity;
	(function (Severity) {
	    Severity["Critical"] = "critical";
	    Severity["High"] = "high";
	    Severity["Medium"] = "medium";
	    Severity["Low"] = "low";
	    Severity["Info"] = "info";
	    Severity["None"] = "none";
	    Severity["Unknown"] = "unknown";
	})(Severity || (severity.Severity = Severity = {}));
	
	return severity;
}

var hasRequiredVulnerability$2;

function requireVulnerability$2 () {
	if (hasRequiredVulnerability$2) return vulnerability$2;
	hasRequiredVulnerability$2 = 1;
	(function (exports) {
		/*!
		This file is part of CycloneDX JavaScript Library.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		   http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.

		SPDX-License-Identifier: Apache-2.0
		Copyright (c) OWASP Foundation. All Rights Reserved.
		*/
		var __createBinding = (vulnerability$2 && vulnerability$2.__createBinding) || (Object.create ? (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    var desc = Object.getOwnPropertyDescriptor(m, k);
		    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
		      desc = { enumerable: true, get: function() { return m[k]; } };
		    }
		    Object.defineProperty(o, k2, desc);
		}) : (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    o[k2] = m[k];
		}));
		var __exportStar = (vulnerability$2 && vulnerability$2.__exportStar) || function(m, exports) {
		    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
		};
		Object.defineProperty(exports, "__esModule", { value: true });
		__exportStar(requireAffectStatus(), exports);
		__exportStar(requireAnalysisJustification(), exports);
		__exportStar(requireAnalysisResponse(), exports);
		__exportStar(requireAnalysisState(), exports);
		__exportStar(requireRatingMethod(), exports);
		__exportStar(requireSeverity(), exports);
		
	} (vulnerability$2));
	return vulnerability$2;
}

var hasRequiredEnums$1;

function requireEnums$1 () {
	if (hasRequiredEnums$1) return enums$1;
	hasRequiredEnums$1 = 1;
	(function (exports) {
		/*!
		This file is part of CycloneDX JavaScript Library.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		   http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.

		SPDX-License-Identifier: Apache-2.0
		Copyright (c) OWASP Foundation. All Rights Reserved.
		*/
		var __createBinding = (enums$1 && enums$1.__createBinding) || (Object.create ? (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    var desc = Object.getOwnPropertyDescriptor(m, k);
		    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
		      desc = { enumerable: true, get: function() { return m[k]; } };
		    }
		    Object.defineProperty(o, k2, desc);
		}) : (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    o[k2] = m[k];
		}));
		var __setModuleDefault = (enums$1 && enums$1.__setModuleDefault) || (Object.create ? (function(o, v) {
		    Object.defineProperty(o, "default", { enumerable: true, value: v });
		}) : function(o, v) {
		    o["default"] = v;
		});
		var __exportStar = (enums$1 && enums$1.__exportStar) || function(m, exports) {
		    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
		};
		var __importStar = (enums$1 && enums$1.__importStar) || (function () {
		    var ownKeys = function(o) {
		        ownKeys = Object.getOwnPropertyNames || function (o) {
		            var ar = [];
		            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
		            return ar;
		        };
		        return ownKeys(o);
		    };
		    return function (mod) {
		        if (mod && mod.__esModule) return mod;
		        var result = {};
		        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
		        __setModuleDefault(result, mod);
		        return result;
		    };
		})();
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.Vulnerability = void 0;
		__exportStar(requireAttachmentEncoding(), exports);
		__exportStar(requireComponentScope(), exports);
		__exportStar(requireComponentType(), exports);
		__exportStar(requireExternalReferenceType(), exports);
		__exportStar(requireHashAlogorithm(), exports);
		__exportStar(requireLicenseAcknowledgement(), exports);
		__exportStar(requireLifecyclePhase(), exports);
		exports.Vulnerability = __importStar(requireVulnerability$2());
		
	} (enums$1));
	return enums$1;
}

var enumsExports = requireEnums$1();

var models = {};

var attachment = {};

var hasRequiredAttachment;

function requireAttachment () {
	if (hasRequiredAttachment) return attachment;
	hasRequiredAttachment = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(attachment, "__esModule", { value: true });
	attachment.Attachment = void 0;
	class Attachment {
	    contentType;
	    content;
	    encoding;
	    constructor(content, op = {}) {
	        this.contentType = op.contentType;
	        this.content = content;
	        this.encoding = op.encoding;
	    }
	}
	attachment.Attachment = Attachment;
	
	return attachment;
}

var bom = {};

var integer = {};

var hasRequiredInteger;

function requireInteger () {
	if (hasRequiredInteger) return integer;
	hasRequiredInteger = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(integer, "__esModule", { value: true });
	integer.isInteger = isInteger;
	integer.isNonNegativeInteger = isNonNegativeInteger;
	integer.isPositiveInteger = isPositiveInteger;
	function isInteger(value) {
	    return Number.isInteger(value);
	}
	function isNonNegativeInteger(value) {
	    return isInteger(value) &&
	        value >= 0;
	}
	function isPositiveInteger(value) {
	    return isInteger(value) &&
	        value > 0;
	}
	
	return integer;
}

var component = {};

var tree = {};

var hasRequiredTree;

function requireTree () {
	if (hasRequiredTree) return tree;
	hasRequiredTree = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(tree, "__esModule", { value: true });
	tree.treeIteratorSymbol = void 0;
	tree.treeIteratorSymbol = Symbol('iterator of a tree/nesting-like structure');
	
	return tree;
}

var cpe = {};

var hasRequiredCpe;

function requireCpe () {
	if (hasRequiredCpe) return cpe;
	hasRequiredCpe = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(cpe, "__esModule", { value: true });
	cpe.isCPE = isCPE;
	const cpePattern = /^([c][pP][eE]:\/[AHOaho]?(:[A-Za-z0-9\._\-~%]*){0,6})$|^(cpe:2\.3:[aho\*\-](:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#$$%&'\(\)\+,\/:;<=>@\[\]\^`\{\|}~]))+(\?*|\*?))|[\*\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\*\-]))(:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#$$%&'\(\)\+,\/:;<=>@\[\]\^`\{\|}~]))+(\?*|\*?))|[\*\-])){4})$/;
	function isCPE(value) {
	    return typeof value === 'string' &&
	        cpePattern.test(value);
	}
	
	return cpe;
}

var bomRef = {};

var hasRequiredBomRef;

function requireBomRef () {
	if (hasRequiredBomRef) return bomRef;
	hasRequiredBomRef = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(bomRef, "__esModule", { value: true });
	bomRef.BomRefRepository = bomRef.BomRef = void 0;
	class BomRef {
	    value;
	    constructor(value) {
	        this.value = value;
	    }
	    compare(other) {
	        return this.toString().localeCompare(other.toString());
	    }
	    toString() {
	        return this.value ?? '';
	    }
	}
	bomRef.BomRef = BomRef;
	class BomRefRepository extends Set {
	}
	bomRef.BomRefRepository = BomRefRepository;
	
	return bomRef;
}

var copyright = {};

var hasRequiredCopyright;

function requireCopyright () {
	if (hasRequiredCopyright) return copyright;
	hasRequiredCopyright = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(copyright, "__esModule", { value: true });
	copyright.CopyrightRepository = void 0;
	const sortable_1 = requireSortable();
	class CopyrightRepository extends sortable_1.SortableStringables {
	}
	copyright.CopyrightRepository = CopyrightRepository;
	
	return copyright;
}

var externalReference = {};

var hash = {};

var hasRequiredHash;

function requireHash () {
	if (hasRequiredHash) return hash;
	hasRequiredHash = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(hash, "__esModule", { value: true });
	hash.HashDictionary = void 0;
	class HashDictionary extends Map {
	    static #compareItems([a1, c1], [a2, c2]) {
	        return a1.localeCompare(a2) ||
	            c1.localeCompare(c2);
	    }
	    sorted() {
	        return Array.from(this.entries()).sort(HashDictionary.#compareItems);
	    }
	}
	hash.HashDictionary = HashDictionary;
	
	return hash;
}

var hasRequiredExternalReference;

function requireExternalReference () {
	if (hasRequiredExternalReference) return externalReference;
	hasRequiredExternalReference = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(externalReference, "__esModule", { value: true });
	externalReference.ExternalReferenceRepository = externalReference.ExternalReference = void 0;
	const sortable_1 = requireSortable();
	const hash_1 = requireHash();
	class ExternalReference {
	    url;
	    type;
	    hashes;
	    comment;
	    constructor(url, type, op = {}) {
	        this.url = url;
	        this.type = type;
	        this.hashes = op.hashes ?? new hash_1.HashDictionary();
	        this.comment = op.comment;
	    }
	    compare(other) {
	        return this.type.localeCompare(other.type) ||
	            this.url.toString().localeCompare(other.url.toString());
	    }
	}
	externalReference.ExternalReference = ExternalReference;
	class ExternalReferenceRepository extends sortable_1.SortableComparables {
	}
	externalReference.ExternalReferenceRepository = ExternalReferenceRepository;
	
	return externalReference;
}

var license = {};

var property = {};

var hasRequiredProperty;

function requireProperty () {
	if (hasRequiredProperty) return property;
	hasRequiredProperty = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(property, "__esModule", { value: true });
	property.PropertyRepository = property.Property = void 0;
	const sortable_1 = requireSortable();
	class Property {
	    name;
	    value;
	    constructor(name, value) {
	        this.name = name;
	        this.value = value;
	    }
	    compare(other) {
	        return this.name.localeCompare(other.name) ||
	            this.value.localeCompare(other.value);
	    }
	}
	property.Property = Property;
	class PropertyRepository extends sortable_1.SortableComparables {
	}
	property.PropertyRepository = PropertyRepository;
	
	return property;
}

var hasRequiredLicense;

function requireLicense () {
	if (hasRequiredLicense) return license;
	hasRequiredLicense = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(license, "__esModule", { value: true });
	license.LicenseRepository = license.SpdxLicense = license.NamedLicense = license.LicenseExpression = void 0;
	const property_1 = requireProperty();
	class LicenseExpression {
	    #expression;
	    acknowledgement;
	    constructor(expression) {
	        this.expression = expression;
	    }
	    get expression() {
	        return this.#expression;
	    }
	    set expression(value) {
	        if (value === '') {
	            throw new RangeError('value is empty string');
	        }
	        this.#expression = value;
	    }
	    compare(other) {
	        return this.#expression.localeCompare(other.#expression);
	    }
	}
	license.LicenseExpression = LicenseExpression;
	class DisjunctiveLicenseBase {
	    acknowledgement;
	    text;
	    #url;
	    properties;
	    constructor(op = {}) {
	        this.acknowledgement = op.acknowledgement;
	        this.text = op.text;
	        this.url = op.url;
	        this.properties = op.properties ?? new property_1.PropertyRepository();
	    }
	    get url() {
	        return this.#url;
	    }
	    set url(value) {
	        this.#url = value === ''
	            ? undefined
	            : value;
	    }
	}
	class NamedLicense extends DisjunctiveLicenseBase {
	    name;
	    constructor(name, op = {}) {
	        super(op);
	        this.name = name;
	    }
	    compare(other) {
	        return this.name.localeCompare(other.name);
	    }
	}
	license.NamedLicense = NamedLicense;
	class SpdxLicense extends DisjunctiveLicenseBase {
	    #id;
	    constructor(id, op = {}) {
	        super(op);
	        this.id = id;
	    }
	    get id() {
	        return this.#id;
	    }
	    set id(value) {
	        if (value === '') {
	            throw new RangeError('value is empty string');
	        }
	        this.#id = value;
	    }
	    compare(other) {
	        return this.#id.localeCompare(other.#id);
	    }
	}
	license.SpdxLicense = SpdxLicense;
	class LicenseRepository extends Set {
	    static #compareItems(a, b) {
	        if (a.constructor === b.constructor) {
	            return a.compare(b);
	        }
	        return a.constructor.name.localeCompare(b.constructor.name);
	    }
	    sorted() {
	        return Array.from(this).sort(LicenseRepository.#compareItems);
	    }
	}
	license.LicenseRepository = LicenseRepository;
	
	return license;
}

var hasRequiredComponent;

function requireComponent () {
	if (hasRequiredComponent) return component;
	hasRequiredComponent = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(component, "__esModule", { value: true });
	component.ComponentEvidence = component.ComponentRepository = component.Component = void 0;
	const sortable_1 = requireSortable();
	const tree_1 = requireTree();
	const cpe_1 = requireCpe();
	const bomRef_1 = requireBomRef();
	const copyright_1 = requireCopyright();
	const externalReference_1 = requireExternalReference();
	const hash_1 = requireHash();
	const license_1 = requireLicense();
	const property_1 = requireProperty();
	class Component {
	    type;
	    name;
	    author;
	    copyright;
	    description;
	    externalReferences;
	    group;
	    hashes;
	    licenses;
	    publisher;
	    purl;
	    scope;
	    supplier;
	    swid;
	    version;
	    components;
	    properties;
	    evidence;
	    #bomRef;
	    #cpe;
	    dependencies;
	    constructor(type, name, op = {}) {
	        this.#bomRef = new bomRef_1.BomRef(op.bomRef);
	        this.type = type;
	        this.name = name;
	        this.supplier = op.supplier;
	        this.author = op.author;
	        this.copyright = op.copyright;
	        this.externalReferences = op.externalReferences ?? new externalReference_1.ExternalReferenceRepository();
	        this.group = op.group;
	        this.hashes = op.hashes ?? new hash_1.HashDictionary();
	        this.licenses = op.licenses ?? new license_1.LicenseRepository();
	        this.publisher = op.publisher;
	        this.purl = op.purl;
	        this.scope = op.scope;
	        this.swid = op.swid;
	        this.version = op.version;
	        this.description = op.description;
	        this.components = op.components ?? new ComponentRepository();
	        this.cpe = op.cpe;
	        this.properties = op.properties ?? new property_1.PropertyRepository();
	        this.evidence = op.evidence;
	        this.dependencies = op.dependencies ?? new bomRef_1.BomRefRepository();
	    }
	    get bomRef() {
	        return this.#bomRef;
	    }
	    get cpe() {
	        return this.#cpe;
	    }
	    set cpe(value) {
	        if (value !== undefined && !(0, cpe_1.isCPE)(value)) {
	            throw new TypeError('Not CPE nor undefined');
	        }
	        this.#cpe = value;
	    }
	    compare(other) {
	        const bomRefCompare = this.bomRef.compare(other.bomRef);
	        if (bomRefCompare !== 0) {
	            return bomRefCompare;
	        }
	        if (this.purl !== undefined && other.purl !== undefined) {
	            return this.purl.localeCompare(other.purl);
	        }
	        if (this.#cpe !== undefined && other.#cpe !== undefined) {
	            return this.#cpe.localeCompare(other.#cpe);
	        }
	        return (this.group ?? '').localeCompare(other.group ?? '') ||
	            this.name.localeCompare(other.name) ||
	            (this.version ?? '').localeCompare(other.version ?? '');
	    }
	}
	component.Component = Component;
	class ComponentRepository extends sortable_1.SortableComparables {
	    *[tree_1.treeIteratorSymbol]() {
	        for (const component of this) {
	            yield component;
	            yield* component.components[tree_1.treeIteratorSymbol]();
	        }
	    }
	}
	component.ComponentRepository = ComponentRepository;
	class ComponentEvidence {
	    licenses;
	    copyright;
	    constructor(op = {}) {
	        this.licenses = op.licenses ?? new license_1.LicenseRepository();
	        this.copyright = op.copyright ?? new copyright_1.CopyrightRepository();
	    }
	}
	component.ComponentEvidence = ComponentEvidence;
	
	return component;
}

var metadata = {};

var lifecycle = {};

var hasRequiredLifecycle;

function requireLifecycle () {
	if (hasRequiredLifecycle) return lifecycle;
	hasRequiredLifecycle = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(lifecycle, "__esModule", { value: true });
	lifecycle.LifecycleRepository = lifecycle.NamedLifecycle = void 0;
	class NamedLifecycle {
	    name;
	    description;
	    constructor(name, op = {}) {
	        this.name = name;
	        this.description = op.description;
	    }
	    compare(other) {
	        return this.name.localeCompare(other.name);
	    }
	}
	lifecycle.NamedLifecycle = NamedLifecycle;
	class LifecycleRepository extends Set {
	    static #compareItems(a, b) {
	        if (a.constructor === b.constructor) {
	            return a instanceof NamedLifecycle
	                ? a.compare(b)
	                : a.localeCompare(b);
	        }
	        return a.constructor.name.localeCompare(b.constructor.name);
	    }
	    sorted() {
	        return Array.from(this).sort(LifecycleRepository.#compareItems);
	    }
	}
	lifecycle.LifecycleRepository = LifecycleRepository;
	
	return lifecycle;
}

var organizationalContact = {};

var hasRequiredOrganizationalContact;

function requireOrganizationalContact () {
	if (hasRequiredOrganizationalContact) return organizationalContact;
	hasRequiredOrganizationalContact = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(organizationalContact, "__esModule", { value: true });
	organizationalContact.OrganizationalContactRepository = organizationalContact.OrganizationalContact = void 0;
	const sortable_1 = requireSortable();
	class OrganizationalContact {
	    name;
	    email;
	    phone;
	    constructor(op = {}) {
	        this.name = op.name;
	        this.email = op.email;
	        this.phone = op.phone;
	    }
	    compare(other) {
	        return (this.name ?? '').localeCompare(other.name ?? '') ||
	            (this.email ?? '').localeCompare(other.email ?? '') ||
	            (this.phone ?? '').localeCompare(other.phone ?? '');
	    }
	}
	organizationalContact.OrganizationalContact = OrganizationalContact;
	class OrganizationalContactRepository extends sortable_1.SortableComparables {
	}
	organizationalContact.OrganizationalContactRepository = OrganizationalContactRepository;
	
	return organizationalContact;
}

var tool = {};

var service = {};

var hasRequiredService;

function requireService () {
	if (hasRequiredService) return service;
	hasRequiredService = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(service, "__esModule", { value: true });
	service.ServiceRepository = service.Service = void 0;
	const sortable_1 = requireSortable();
	const tree_1 = requireTree();
	const bomRef_1 = requireBomRef();
	const externalReference_1 = requireExternalReference();
	const license_1 = requireLicense();
	const property_1 = requireProperty();
	class Service {
	    provider;
	    group;
	    name;
	    version;
	    description;
	    licenses;
	    externalReferences;
	    services;
	    properties;
	    #bomRef;
	    dependencies;
	    constructor(name, op = {}) {
	        this.#bomRef = new bomRef_1.BomRef(op.bomRef);
	        this.provider = op.provider;
	        this.group = op.group;
	        this.name = name;
	        this.version = op.version;
	        this.description = op.description;
	        this.licenses = op.licenses ?? new license_1.LicenseRepository();
	        this.externalReferences = op.externalReferences ?? new externalReference_1.ExternalReferenceRepository();
	        this.services = op.services ?? new ServiceRepository();
	        this.properties = op.properties ?? new property_1.PropertyRepository();
	        this.dependencies = op.dependencies ?? new bomRef_1.BomRefRepository();
	    }
	    get bomRef() {
	        return this.#bomRef;
	    }
	    compare(other) {
	        const bomRefCompare = this.bomRef.compare(other.bomRef);
	        if (bomRefCompare !== 0) {
	            return bomRefCompare;
	        }
	        return (this.group ?? '').localeCompare(other.group ?? '') ||
	            this.name.localeCompare(other.name) ||
	            (this.version ?? '').localeCompare(other.version ?? '');
	    }
	}
	service.Service = Service;
	class ServiceRepository extends sortable_1.SortableComparables {
	    *[tree_1.treeIteratorSymbol]() {
	        for (const service of this) {
	            yield service;
	            yield* service.services[tree_1.treeIteratorSymbol]();
	        }
	    }
	}
	service.ServiceRepository = ServiceRepository;
	
	return service;
}

var hasRequiredTool;

function requireTool () {
	if (hasRequiredTool) return tool;
	hasRequiredTool = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(tool, "__esModule", { value: true });
	tool.Tools = tool.ToolRepository = tool.Tool = void 0;
	const sortable_1 = requireSortable();
	const component_1 = requireComponent();
	const externalReference_1 = requireExternalReference();
	const hash_1 = requireHash();
	const service_1 = requireService();
	class Tool {
	    vendor;
	    name;
	    version;
	    hashes;
	    externalReferences;
	    constructor(op = {}) {
	        this.vendor = op.vendor;
	        this.name = op.name;
	        this.version = op.version;
	        this.hashes = op.hashes ?? new hash_1.HashDictionary();
	        this.externalReferences = op.externalReferences ?? new externalReference_1.ExternalReferenceRepository();
	    }
	    compare(other) {
	        return (this.vendor ?? '').localeCompare(other.vendor ?? '') ||
	            (this.name ?? '').localeCompare(other.name ?? '') ||
	            (this.version ?? '').localeCompare(other.version ?? '');
	    }
	    static fromComponent(component) {
	        return new Tool({
	            vendor: component.group,
	            name: component.name,
	            version: component.version,
	            hashes: component.hashes,
	            externalReferences: component.externalReferences
	        });
	    }
	    static fromService(service) {
	        return new Tool({
	            vendor: service.group,
	            name: service.name,
	            version: service.version,
	            externalReferences: service.externalReferences
	        });
	    }
	}
	tool.Tool = Tool;
	class ToolRepository extends sortable_1.SortableComparables {
	}
	tool.ToolRepository = ToolRepository;
	class Tools {
	    components;
	    services;
	    tools;
	    constructor(op = {}) {
	        this.components = op.components ?? new component_1.ComponentRepository();
	        this.services = op.services ?? new service_1.ServiceRepository();
	        this.tools = op.tools ?? new ToolRepository();
	    }
	    get size() {
	        return this.components.size
	            + this.services.size
	            + this.tools.size;
	    }
	}
	tool.Tools = Tools;
	
	return tool;
}

var hasRequiredMetadata;

function requireMetadata () {
	if (hasRequiredMetadata) return metadata;
	hasRequiredMetadata = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(metadata, "__esModule", { value: true });
	metadata.Metadata = void 0;
	const license_1 = requireLicense();
	const lifecycle_1 = requireLifecycle();
	const organizationalContact_1 = requireOrganizationalContact();
	const property_1 = requireProperty();
	const tool_1 = requireTool();
	class Metadata {
	    timestamp;
	    lifecycles;
	    tools;
	    authors;
	    component;
	    manufacture;
	    supplier;
	    licenses;
	    properties;
	    constructor(op = {}) {
	        this.timestamp = op.timestamp;
	        this.lifecycles = op.lifecycles ?? new lifecycle_1.LifecycleRepository();
	        this.tools = op.tools ?? new tool_1.Tools();
	        this.authors = op.authors ?? new organizationalContact_1.OrganizationalContactRepository();
	        this.component = op.component;
	        this.manufacture = op.manufacture;
	        this.supplier = op.supplier;
	        this.licenses = op.licenses ?? new license_1.LicenseRepository();
	        this.properties = op.properties ?? new property_1.PropertyRepository();
	    }
	}
	metadata.Metadata = Metadata;
	
	return metadata;
}

var vulnerability$1 = {};

var cwe = {};

var hasRequiredCwe;

function requireCwe () {
	if (hasRequiredCwe) return cwe;
	hasRequiredCwe = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(cwe, "__esModule", { value: true });
	cwe.CweRepository = void 0;
	cwe.isCWE = isCWE;
	const sortable_1 = requireSortable();
	const integer_1 = requireInteger();
	function isCWE(value) {
	    return (0, integer_1.isPositiveInteger)(value);
	}
	class CweRepository extends sortable_1.SortableNumbers {
	}
	cwe.CweRepository = CweRepository;
	
	return cwe;
}

var advisory = {};

var hasRequiredAdvisory;

function requireAdvisory () {
	if (hasRequiredAdvisory) return advisory;
	hasRequiredAdvisory = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(advisory, "__esModule", { value: true });
	advisory.AdvisoryRepository = advisory.Advisory = void 0;
	const sortable_1 = requireSortable();
	class Advisory {
	    title;
	    url;
	    constructor(url, op = {}) {
	        this.url = url;
	        this.title = op.title;
	    }
	    compare(other) {
	        return this.url.toString().localeCompare(other.url.toString()) ||
	            (this.title ?? '').localeCompare(other.title ?? '');
	    }
	}
	advisory.Advisory = Advisory;
	class AdvisoryRepository extends sortable_1.SortableComparables {
	}
	advisory.AdvisoryRepository = AdvisoryRepository;
	
	return advisory;
}

var affect = {};

var hasRequiredAffect;

function requireAffect () {
	if (hasRequiredAffect) return affect;
	hasRequiredAffect = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(affect, "__esModule", { value: true });
	affect.AffectedVersionRepository = affect.AffectedVersionRange = affect.AffectedSingleVersion = affect.AffectRepository = affect.Affect = void 0;
	const sortable_1 = requireSortable();
	class Affect {
	    ref;
	    versions;
	    constructor(ref, op = {}) {
	        this.ref = ref;
	        this.versions = op.versions ?? new AffectedVersionRepository();
	    }
	    compare(other) {
	        return this.ref.compare(other.ref) ||
	            this.versions.compare(other.versions);
	    }
	}
	affect.Affect = Affect;
	class AffectRepository extends sortable_1.SortableComparables {
	}
	affect.AffectRepository = AffectRepository;
	class AffectedSingleVersion {
	    version;
	    status;
	    constructor(version, op = {}) {
	        this.version = version;
	        this.status = op.status;
	    }
	    compare(other) {
	        return (this.version).localeCompare(other.version) ||
	            (this.status ?? '').localeCompare(other.status ?? '');
	    }
	}
	affect.AffectedSingleVersion = AffectedSingleVersion;
	class AffectedVersionRange {
	    range;
	    status;
	    constructor(range, op = {}) {
	        this.range = range;
	        this.status = op.status;
	    }
	    compare(other) {
	        return (this.range).localeCompare(other.range) ||
	            (this.status ?? '').localeCompare(other.status ?? '');
	    }
	}
	affect.AffectedVersionRange = AffectedVersionRange;
	class AffectedVersionRepository extends sortable_1.SortableComparables {
	}
	affect.AffectedVersionRepository = AffectedVersionRepository;
	
	return affect;
}

var rating = {};

var hasRequiredRating;

function requireRating () {
	if (hasRequiredRating) return rating;
	hasRequiredRating = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(rating, "__esModule", { value: true });
	rating.RatingRepository = rating.Rating = void 0;
	const sortable_1 = requireSortable();
	class Rating {
	    source;
	    score;
	    severity;
	    method;
	    vector;
	    justification;
	    constructor(op = {}) {
	        this.source = op.source;
	        this.score = op.score;
	        this.severity = op.severity;
	        this.method = op.method;
	        this.vector = op.vector;
	        this.justification = op.justification;
	    }
	    compare(other) {
	        return ((this.score ?? 0) - (other.score ?? 0)) ||
	            (this.vector ?? '').localeCompare(other.vector ?? '') ||
	            (this.justification ?? '').localeCompare(other.justification ?? '') ||
	            (this.severity ?? '').localeCompare(other.severity ?? '') ||
	            (this.method ?? '').localeCompare(other.method ?? '') ||
	            (this.source && other.source ? this.source.compare(other.source) : 0);
	    }
	}
	rating.Rating = Rating;
	class RatingRepository extends sortable_1.SortableComparables {
	}
	rating.RatingRepository = RatingRepository;
	
	return rating;
}

var reference = {};

var hasRequiredReference;

function requireReference () {
	if (hasRequiredReference) return reference;
	hasRequiredReference = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(reference, "__esModule", { value: true });
	reference.ReferenceRepository = reference.Reference = void 0;
	const sortable_1 = requireSortable();
	class Reference {
	    id;
	    source;
	    constructor(id, source) {
	        this.id = id;
	        this.source = source;
	    }
	    compare(other) {
	        return this.id.localeCompare(other.id) ||
	            this.source.compare(other.source);
	    }
	}
	reference.Reference = Reference;
	class ReferenceRepository extends sortable_1.SortableComparables {
	}
	reference.ReferenceRepository = ReferenceRepository;
	
	return reference;
}

var hasRequiredVulnerability$1;

function requireVulnerability$1 () {
	if (hasRequiredVulnerability$1) return vulnerability$1;
	hasRequiredVulnerability$1 = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(vulnerability$1, "__esModule", { value: true });
	vulnerability$1.VulnerabilityRepository = vulnerability$1.Vulnerability = void 0;
	const sortable_1 = requireSortable();
	const cwe_1 = requireCwe();
	const bomRef_1 = requireBomRef();
	const property_1 = requireProperty();
	const tool_1 = requireTool();
	const advisory_1 = requireAdvisory();
	const affect_1 = requireAffect();
	const rating_1 = requireRating();
	const reference_1 = requireReference();
	class Vulnerability {
	    #bomRef;
	    id;
	    source;
	    references;
	    ratings;
	    cwes;
	    description;
	    detail;
	    recommendation;
	    advisories;
	    created;
	    published;
	    updated;
	    credits;
	    tools;
	    analysis;
	    affects;
	    properties;
	    constructor(op = {}) {
	        this.#bomRef = new bomRef_1.BomRef(op.bomRef);
	        this.id = op.id;
	        this.source = op.source;
	        this.references = op.references ?? new reference_1.ReferenceRepository();
	        this.ratings = op.ratings ?? new rating_1.RatingRepository();
	        this.cwes = op.cwes ?? new cwe_1.CweRepository();
	        this.description = op.description;
	        this.detail = op.detail;
	        this.recommendation = op.recommendation;
	        this.advisories = op.advisories ?? new advisory_1.AdvisoryRepository();
	        this.created = op.created;
	        this.published = op.published;
	        this.updated = op.updated;
	        this.credits = op.credits;
	        this.tools = op.tools ?? new tool_1.Tools();
	        this.analysis = op.analysis;
	        this.affects = op.affects ?? new affect_1.AffectRepository();
	        this.properties = op.properties ?? new property_1.PropertyRepository();
	    }
	    get bomRef() {
	        return this.#bomRef;
	    }
	    compare(other) {
	        const bomRefCompare = this.bomRef.compare(other.bomRef);
	        if (bomRefCompare !== 0) {
	            return bomRefCompare;
	        }
	        return (this.id ?? '').localeCompare(other.id ?? '') ||
	            (this.created?.getTime() ?? 0) - (other.created?.getTime() ?? 0) ||
	            (this.published?.getTime() ?? 0) - (other.published?.getTime() ?? 0) ||
	            (this.updated?.getTime() ?? 0) - (other.updated?.getTime() ?? 0) ||
	            this.ratings.compare(other.ratings) ||
	            this.cwes.compare(other.cwes) ||
	            (this.description ?? '').localeCompare(other.description ?? '') ||
	            (this.detail ?? '').localeCompare(other.detail ?? '') ||
	            (this.recommendation ?? '').localeCompare(other.recommendation ?? '') ||
	            (this.source && other.source ? this.source.compare(other.source) : 0) ||
	            this.properties.compare(other.properties);
	    }
	}
	vulnerability$1.Vulnerability = Vulnerability;
	class VulnerabilityRepository extends sortable_1.SortableComparables {
	}
	vulnerability$1.VulnerabilityRepository = VulnerabilityRepository;
	
	return vulnerability$1;
}

var hasRequiredBom;

function requireBom () {
	if (hasRequiredBom) return bom;
	hasRequiredBom = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(bom, "__esModule", { value: true });
	bom.Bom = void 0;
	const integer_1 = requireInteger();
	const component_1 = requireComponent();
	const metadata_1 = requireMetadata();
	const service_1 = requireService();
	const vulnerability_1 = requireVulnerability$1();
	class Bom {
	    metadata;
	    components;
	    services;
	    vulnerabilities;
	    #version = 1;
	    #serialNumber;
	    constructor(op = {}) {
	        this.metadata = op.metadata ?? new metadata_1.Metadata();
	        this.components = op.components ?? new component_1.ComponentRepository();
	        this.services = op.services ?? new service_1.ServiceRepository();
	        this.version = op.version ?? this.version;
	        this.vulnerabilities = op.vulnerabilities ?? new vulnerability_1.VulnerabilityRepository();
	        this.serialNumber = op.serialNumber;
	    }
	    get version() {
	        return this.#version;
	    }
	    set version(value) {
	        if (!(0, integer_1.isPositiveInteger)(value)) {
	            throw new TypeError('Not PositiveInteger');
	        }
	        this.#version = value;
	    }
	    get serialNumber() {
	        return this.#serialNumber;
	    }
	    set serialNumber(value) {
	        this.#serialNumber = value === ''
	            ? undefined
	            : value;
	    }
	}
	bom.Bom = Bom;
	
	return bom;
}

var bomLink = {};

var hasRequiredBomLink;

function requireBomLink () {
	if (hasRequiredBomLink) return bomLink;
	hasRequiredBomLink = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(bomLink, "__esModule", { value: true });
	bomLink.BomLinkElement = bomLink.BomLinkDocument = void 0;
	class BomLinkBase {
	    #value;
	    constructor(value) {
	        this.value = value;
	    }
	    get value() {
	        return this.#value;
	    }
	    set value(value) {
	        if (!this._isValid(value)) {
	            throw new RangeError('invalid value');
	        }
	        this.#value = value;
	    }
	    compare(other) {
	        return this.toString().localeCompare(other.toString());
	    }
	    toString() {
	        return this.value;
	    }
	}
	class BomLinkDocument extends BomLinkBase {
	    static #pattern = /^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[1-9][0-9]*$/;
	    static isValid(value) {
	        return typeof value === 'string' &&
	            this.#pattern.test(value);
	    }
	    _isValid(value) {
	        return BomLinkDocument.isValid(value);
	    }
	}
	bomLink.BomLinkDocument = BomLinkDocument;
	class BomLinkElement extends BomLinkBase {
	    static #pattern = /^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[1-9][0-9]*#.+$/;
	    static isValid(value) {
	        return typeof value === 'string' &&
	            this.#pattern.test(value);
	    }
	    _isValid(value) {
	        return BomLinkElement.isValid(value);
	    }
	}
	bomLink.BomLinkElement = BomLinkElement;
	
	return bomLink;
}

var organizationalEntity = {};

var hasRequiredOrganizationalEntity;

function requireOrganizationalEntity () {
	if (hasRequiredOrganizationalEntity) return organizationalEntity;
	hasRequiredOrganizationalEntity = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(organizationalEntity, "__esModule", { value: true });
	organizationalEntity.OrganizationalEntityRepository = organizationalEntity.OrganizationalEntity = void 0;
	const sortable_1 = requireSortable();
	const organizationalContact_1 = requireOrganizationalContact();
	class OrganizationalEntity {
	    name;
	    url;
	    contact;
	    constructor(op = {}) {
	        this.name = op.name;
	        this.url = op.url ?? new Set();
	        this.contact = op.contact ?? new organizationalContact_1.OrganizationalContactRepository();
	    }
	    compare(other) {
	        return (this.name ?? '').localeCompare(other.name ?? '') ||
	            this.contact.compare(other.contact) ||
	            (new sortable_1.SortableStringables(this.url)).compare(new sortable_1.SortableStringables(other.url));
	    }
	}
	organizationalEntity.OrganizationalEntity = OrganizationalEntity;
	class OrganizationalEntityRepository extends sortable_1.SortableComparables {
	}
	organizationalEntity.OrganizationalEntityRepository = OrganizationalEntityRepository;
	
	return organizationalEntity;
}

var swid = {};

var hasRequiredSwid;

function requireSwid () {
	if (hasRequiredSwid) return swid;
	hasRequiredSwid = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(swid, "__esModule", { value: true });
	swid.SWID = void 0;
	const integer_1 = requireInteger();
	class SWID {
	    tagId;
	    name;
	    version;
	    patch;
	    text;
	    url;
	    #tagVersion;
	    constructor(tagId, name, op = {}) {
	        this.tagId = tagId;
	        this.name = name;
	        this.version = op.version;
	        this.patch = op.patch;
	        this.text = op.text;
	        this.url = op.url;
	        this.tagVersion = op.tagVersion;
	    }
	    get tagVersion() {
	        return this.#tagVersion;
	    }
	    set tagVersion(value) {
	        if (value !== undefined && !(0, integer_1.isNonNegativeInteger)(value)) {
	            throw new TypeError('Not NonNegativeInteger nor undefined');
	        }
	        this.#tagVersion = value;
	    }
	}
	swid.SWID = SWID;
	
	return swid;
}

var vulnerability = {};

var analysis = {};

var hasRequiredAnalysis;

function requireAnalysis () {
	if (hasRequiredAnalysis) return analysis;
	hasRequiredAnalysis = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(analysis, "__esModule", { value: true });
	analysis.Analysis = void 0;
	const analysisResponse_1 = requireAnalysisResponse();
	class Analysis {
	    state;
	    justification;
	    response;
	    detail;
	    constructor(op = {}) {
	        this.state = op.state;
	        this.justification = op.justification;
	        this.response = op.response ?? new analysisResponse_1.AnalysisResponseRepository();
	        this.detail = op.detail;
	    }
	}
	analysis.Analysis = Analysis;
	
	return analysis;
}

var credits = {};

var hasRequiredCredits;

function requireCredits () {
	if (hasRequiredCredits) return credits;
	hasRequiredCredits = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(credits, "__esModule", { value: true });
	credits.Credits = void 0;
	const organizationalContact_1 = requireOrganizationalContact();
	const organizationalEntity_1 = requireOrganizationalEntity();
	class Credits {
	    organizations;
	    individuals;
	    constructor(op = {}) {
	        this.organizations = op.organizations ?? new organizationalEntity_1.OrganizationalEntityRepository();
	        this.individuals = op.individuals ?? new organizationalContact_1.OrganizationalContactRepository();
	    }
	}
	credits.Credits = Credits;
	
	return credits;
}

var source = {};

var hasRequiredSource;

function requireSource () {
	if (hasRequiredSource) return source;
	hasRequiredSource = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(source, "__esModule", { value: true });
	source.Source = void 0;
	class Source {
	    name;
	    url;
	    constructor(op = {}) {
	        this.name = op.name;
	        this.url = op.url;
	    }
	    compare(other) {
	        return (this.url?.toString() ?? '').localeCompare(other.url?.toString() ?? '') ||
	            (this.name ?? '').localeCompare(other.name ?? '');
	    }
	}
	source.Source = Source;
	
	return source;
}

var hasRequiredVulnerability;

function requireVulnerability () {
	if (hasRequiredVulnerability) return vulnerability;
	hasRequiredVulnerability = 1;
	(function (exports) {
		/*!
		This file is part of CycloneDX JavaScript Library.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		   http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.

		SPDX-License-Identifier: Apache-2.0
		Copyright (c) OWASP Foundation. All Rights Reserved.
		*/
		var __createBinding = (vulnerability && vulnerability.__createBinding) || (Object.create ? (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    var desc = Object.getOwnPropertyDescriptor(m, k);
		    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
		      desc = { enumerable: true, get: function() { return m[k]; } };
		    }
		    Object.defineProperty(o, k2, desc);
		}) : (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    o[k2] = m[k];
		}));
		var __exportStar = (vulnerability && vulnerability.__exportStar) || function(m, exports) {
		    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
		};
		Object.defineProperty(exports, "__esModule", { value: true });
		__exportStar(requireAdvisory(), exports);
		__exportStar(requireAffect(), exports);
		__exportStar(requireAnalysis(), exports);
		__exportStar(requireCredits(), exports);
		__exportStar(requireRating(), exports);
		__exportStar(requireReference(), exports);
		__exportStar(requireSource(), exports);
		__exportStar(requireVulnerability$1(), exports);
		
	} (vulnerability));
	return vulnerability;
}

var hasRequiredModels;

function requireModels () {
	if (hasRequiredModels) return models;
	hasRequiredModels = 1;
	(function (exports) {
		/*!
		This file is part of CycloneDX JavaScript Library.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		   http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.

		SPDX-License-Identifier: Apache-2.0
		Copyright (c) OWASP Foundation. All Rights Reserved.
		*/
		var __createBinding = (models && models.__createBinding) || (Object.create ? (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    var desc = Object.getOwnPropertyDescriptor(m, k);
		    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
		      desc = { enumerable: true, get: function() { return m[k]; } };
		    }
		    Object.defineProperty(o, k2, desc);
		}) : (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    o[k2] = m[k];
		}));
		var __setModuleDefault = (models && models.__setModuleDefault) || (Object.create ? (function(o, v) {
		    Object.defineProperty(o, "default", { enumerable: true, value: v });
		}) : function(o, v) {
		    o["default"] = v;
		});
		var __exportStar = (models && models.__exportStar) || function(m, exports) {
		    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
		};
		var __importStar = (models && models.__importStar) || (function () {
		    var ownKeys = function(o) {
		        ownKeys = Object.getOwnPropertyNames || function (o) {
		            var ar = [];
		            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
		            return ar;
		        };
		        return ownKeys(o);
		    };
		    return function (mod) {
		        if (mod && mod.__esModule) return mod;
		        var result = {};
		        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
		        __setModuleDefault(result, mod);
		        return result;
		    };
		})();
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.Vulnerability = void 0;
		__exportStar(requireAttachment(), exports);
		__exportStar(requireBom(), exports);
		__exportStar(requireBomLink(), exports);
		__exportStar(requireBomRef(), exports);
		__exportStar(requireComponent(), exports);
		__exportStar(requireCopyright(), exports);
		__exportStar(requireExternalReference(), exports);
		__exportStar(requireHash(), exports);
		__exportStar(requireLicense(), exports);
		__exportStar(requireLifecycle(), exports);
		__exportStar(requireMetadata(), exports);
		__exportStar(requireOrganizationalContact(), exports);
		__exportStar(requireOrganizationalEntity(), exports);
		__exportStar(requireProperty(), exports);
		__exportStar(requireService(), exports);
		__exportStar(requireSwid(), exports);
		__exportStar(requireTool(), exports);
		exports.Vulnerability = __importStar(requireVulnerability());
		
	} (models));
	return models;
}

var modelsExports = requireModels();

var index_node = {};

var index_common = {};

var bomRefDiscriminator = {};

var hasRequiredBomRefDiscriminator;

function requireBomRefDiscriminator () {
	if (hasRequiredBomRefDiscriminator) return bomRefDiscriminator;
	hasRequiredBomRefDiscriminator = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(bomRefDiscriminator, "__esModule", { value: true });
	bomRefDiscriminator.BomRefDiscriminator = void 0;
	class BomRefDiscriminator {
	    #originalValues;
	    #prefix;
	    constructor(bomRefs, prefix = 'BomRef') {
	        this.#originalValues = Array.from(bomRefs, r => [r, r.value]);
	        this.#prefix = prefix;
	    }
	    get prefix() {
	        return this.#prefix;
	    }
	    *[Symbol.iterator]() {
	        for (const [bomRef] of this.#originalValues) {
	            yield bomRef;
	        }
	    }
	    discriminate() {
	        const knownRefValues = new Set(['']);
	        for (const [bomRef] of this.#originalValues) {
	            let value = bomRef.value;
	            if (value === undefined || knownRefValues.has(value)) {
	                value = this.#makeUniqueId();
	                bomRef.value = value;
	            }
	            knownRefValues.add(value);
	        }
	    }
	    reset() {
	        for (const [bomRef, originalValue] of this.#originalValues) {
	            bomRef.value = originalValue;
	        }
	    }
	    #makeUniqueId() {
	        return `${this.#prefix}${Math.random().toString(32).substring(1)}${Math.random().toString(32).substring(1)}`;
	    }
	}
	bomRefDiscriminator.BomRefDiscriminator = BomRefDiscriminator;
	
	return bomRefDiscriminator;
}

var errors$2 = {};

var errors$1 = {};

var hasRequiredErrors$2;

function requireErrors$2 () {
	if (hasRequiredErrors$2) return errors$1;
	hasRequiredErrors$2 = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(errors$1, "__esModule", { value: true });
	errors$1.OptPlugError = void 0;
	class OptPlugError extends Error {
	    cause;
	    constructor(message, cause) {
	        super(message);
	        this.cause = cause;
	    }
	}
	errors$1.OptPlugError = OptPlugError;
	
	return errors$1;
}

var hasRequiredErrors$1;

function requireErrors$1 () {
	if (hasRequiredErrors$1) return errors$2;
	hasRequiredErrors$1 = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(errors$2, "__esModule", { value: true });
	errors$2.MissingOptionalDependencyError = void 0;
	const errors_1 = requireErrors$2();
	class MissingOptionalDependencyError extends errors_1.OptPlugError {
	}
	errors$2.MissingOptionalDependencyError = MissingOptionalDependencyError;
	
	return errors$2;
}

var types$2 = {};

var hasRequiredTypes$2;

function requireTypes$2 () {
	if (hasRequiredTypes$2) return types$2;
	hasRequiredTypes$2 = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(types$2, "__esModule", { value: true });
	
	return types$2;
}

var baseSerializer = {};

var hasRequiredBaseSerializer;

function requireBaseSerializer () {
	if (hasRequiredBaseSerializer) return baseSerializer;
	hasRequiredBaseSerializer = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(baseSerializer, "__esModule", { value: true });
	baseSerializer.BaseSerializer = void 0;
	const tree_1 = requireTree();
	const bomRefDiscriminator_1 = requireBomRefDiscriminator();
	class BaseSerializer {
	    *#getAllBomRefs(bom) {
	        if (bom.metadata.component !== undefined) {
	            yield bom.metadata.component.bomRef;
	            for (const { bomRef } of bom.metadata.component.components[tree_1.treeIteratorSymbol]()) {
	                yield bomRef;
	            }
	        }
	        for (const { bomRef } of bom.components[tree_1.treeIteratorSymbol]()) {
	            yield bomRef;
	        }
	        for (const { bomRef } of bom.services[tree_1.treeIteratorSymbol]()) {
	            yield bomRef;
	        }
	        for (const { bomRef } of bom.vulnerabilities) {
	            yield bomRef;
	        }
	    }
	    #normalize(bom, options) {
	        const bomRefDiscriminator = new bomRefDiscriminator_1.BomRefDiscriminator(this.#getAllBomRefs(bom));
	        bomRefDiscriminator.discriminate();
	        try {
	            return this._normalize(bom, options);
	        }
	        finally {
	            bomRefDiscriminator.reset();
	        }
	    }
	    serialize(bom, options) {
	        return this._serialize(this.#normalize(bom, options), options);
	    }
	}
	baseSerializer.BaseSerializer = BaseSerializer;
	
	return baseSerializer;
}

var json = {};

var normalize$1 = {};

var iterable = {};

var hasRequiredIterable;

function requireIterable () {
	if (hasRequiredIterable) return iterable;
	hasRequiredIterable = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(iterable, "__esModule", { value: true });
	iterable.chainI = chainI;
	function* chainI(...iterables) {
	    for (const iterable of iterables) {
	        yield* iterable;
	    }
	}
	
	return iterable;
}

var notUndefined = {};

var hasRequiredNotUndefined;

function requireNotUndefined () {
	if (hasRequiredNotUndefined) return notUndefined;
	hasRequiredNotUndefined = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(notUndefined, "__esModule", { value: true });
	notUndefined.isNotUndefined = isNotUndefined;
	function isNotUndefined(value) {
	    return value !== undefined;
	}
	
	return notUndefined;
}

var uri = {};

var hasRequiredUri;

function requireUri () {
	if (hasRequiredUri) return uri;
	hasRequiredUri = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(uri, "__esModule", { value: true });
	uri.escapeUri = escapeUri;
	const _ESCAPES = [
	    [/ /g, '%20'],
	    [/"/g, '%22'],
	    [/'/g, '%27'],
	    [/\[/g, '%5B'],
	    [/]/g, '%5D'],
	    [/</g, '%3C'],
	    [/>/g, '%3E'],
	    [/\{/g, '%7B'],
	    [/}/g, '%7D'],
	];
	function escapeUri(value) {
	    if (value === undefined) {
	        return value;
	    }
	    for (const [s, r] of _ESCAPES) {
	        value = value.replace(s, r);
	    }
	    return value;
	}
	
	return uri;
}

var spdx = {};

var require$$0$1 = {
	"enum": [
	"0BSD",
	"3D-Slicer-1.0",
	"AAL",
	"Abstyles",
	"AdaCore-doc",
	"Adobe-2006",
	"Adobe-Display-PostScript",
	"Adobe-Glyph",
	"Adobe-Utopia",
	"ADSL",
	"Advanced-Cryptics-Dictionary",
	"AFL-1.1",
	"AFL-1.2",
	"AFL-2.0",
	"AFL-2.1",
	"AFL-3.0",
	"Afmparse",
	"AGPL-1.0",
	"AGPL-1.0-only",
	"AGPL-1.0-or-later",
	"AGPL-3.0",
	"AGPL-3.0-only",
	"AGPL-3.0-or-later",
	"Aladdin",
	"ALGLIB-Documentation",
	"AMD-newlib",
	"AMDPLPA",
	"AML",
	"AML-glslang",
	"AMPAS",
	"ANTLR-PD",
	"ANTLR-PD-fallback",
	"any-OSI",
	"any-OSI-perl-modules",
	"Apache-1.0",
	"Apache-1.1",
	"Apache-2.0",
	"APAFML",
	"APL-1.0",
	"App-s2p",
	"APSL-1.0",
	"APSL-1.1",
	"APSL-1.2",
	"APSL-2.0",
	"Arphic-1999",
	"Artistic-1.0",
	"Artistic-1.0-cl8",
	"Artistic-1.0-Perl",
	"Artistic-2.0",
	"Artistic-dist",
	"Aspell-RU",
	"ASWF-Digital-Assets-1.0",
	"ASWF-Digital-Assets-1.1",
	"atc-game",
	"Baekmuk",
	"Bahyph",
	"Barr",
	"bcrypt-Solar-Designer",
	"Beerware",
	"Bitstream-Charter",
	"Bitstream-Vera",
	"BitTorrent-1.0",
	"BitTorrent-1.1",
	"blessing",
	"BlueOak-1.0.0",
	"Boehm-GC",
	"Boehm-GC-without-fee",
	"BOLA-1.1",
	"Borceux",
	"Brian-Gladman-2-Clause",
	"Brian-Gladman-3-Clause",
	"Brian-Gladman-3-Clause-no-conversion",
	"BSD-1-Clause",
	"BSD-2-Clause",
	"BSD-2-Clause-Darwin",
	"BSD-2-Clause-first-lines",
	"BSD-2-Clause-FreeBSD",
	"BSD-2-Clause-NetBSD",
	"BSD-2-Clause-Patent",
	"BSD-2-Clause-pkgconf-disclaimer",
	"BSD-2-Clause-pos-unchanged",
	"BSD-2-Clause-Views",
	"BSD-3-Clause",
	"BSD-3-Clause-acpica",
	"BSD-3-Clause-Attribution",
	"BSD-3-Clause-Clear",
	"BSD-3-Clause-flex",
	"BSD-3-Clause-HP",
	"BSD-3-Clause-LBNL",
	"BSD-3-Clause-Modification",
	"BSD-3-Clause-No-Military-License",
	"BSD-3-Clause-No-Nuclear-License",
	"BSD-3-Clause-No-Nuclear-License-2014",
	"BSD-3-Clause-No-Nuclear-Warranty",
	"BSD-3-Clause-Open-MPI",
	"BSD-3-Clause-OpenWebUI",
	"BSD-3-Clause-Sun",
	"BSD-3-Clause-Tso",
	"BSD-4-Clause",
	"BSD-4-Clause-Shortened",
	"BSD-4-Clause-UC",
	"BSD-4.3RENO",
	"BSD-4.3TAHOE",
	"BSD-Advertising-Acknowledgement",
	"BSD-ask-to-endorse",
	"BSD-Attribution-HPND-disclaimer",
	"BSD-Inferno-Nettverk",
	"BSD-Mark-Modifications",
	"BSD-Protection",
	"BSD-Source-alt-GPL",
	"BSD-Source-beginning-file",
	"BSD-Source-Code",
	"BSD-Source-Code-no-disclaimer",
	"BSD-Systemics",
	"BSD-Systemics-W3Works",
	"BSL-1.0",
	"Buddy",
	"Bugroff",
	"BUSL-1.1",
	"bzip2-1.0.5",
	"bzip2-1.0.6",
	"C-UDA-1.0",
	"CAL-1.0",
	"CAL-1.0-Combined-Work-Exception",
	"Caldera",
	"Caldera-no-preamble",
	"CAPEC-tou",
	"Catharon",
	"CATOSL-1.1",
	"CC-BY-1.0",
	"CC-BY-2.0",
	"CC-BY-2.5",
	"CC-BY-2.5-AU",
	"CC-BY-3.0",
	"CC-BY-3.0-AT",
	"CC-BY-3.0-AU",
	"CC-BY-3.0-DE",
	"CC-BY-3.0-IGO",
	"CC-BY-3.0-NL",
	"CC-BY-3.0-US",
	"CC-BY-4.0",
	"CC-BY-NC-1.0",
	"CC-BY-NC-2.0",
	"CC-BY-NC-2.5",
	"CC-BY-NC-3.0",
	"CC-BY-NC-3.0-DE",
	"CC-BY-NC-3.0-IGO",
	"CC-BY-NC-4.0",
	"CC-BY-NC-ND-1.0",
	"CC-BY-NC-ND-2.0",
	"CC-BY-NC-ND-2.5",
	"CC-BY-NC-ND-3.0",
	"CC-BY-NC-ND-3.0-DE",
	"CC-BY-NC-ND-3.0-IGO",
	"CC-BY-NC-ND-4.0",
	"CC-BY-NC-SA-1.0",
	"CC-BY-NC-SA-2.0",
	"CC-BY-NC-SA-2.0-DE",
	"CC-BY-NC-SA-2.0-FR",
	"CC-BY-NC-SA-2.0-UK",
	"CC-BY-NC-SA-2.5",
	"CC-BY-NC-SA-3.0",
	"CC-BY-NC-SA-3.0-DE",
	"CC-BY-NC-SA-3.0-IGO",
	"CC-BY-NC-SA-4.0",
	"CC-BY-ND-1.0",
	"CC-BY-ND-2.0",
	"CC-BY-ND-2.5",
	"CC-BY-ND-3.0",
	"CC-BY-ND-3.0-DE",
	"CC-BY-ND-4.0",
	"CC-BY-SA-1.0",
	"CC-BY-SA-2.0",
	"CC-BY-SA-2.0-UK",
	"CC-BY-SA-2.1-JP",
	"CC-BY-SA-2.5",
	"CC-BY-SA-3.0",
	"CC-BY-SA-3.0-AT",
	"CC-BY-SA-3.0-DE",
	"CC-BY-SA-3.0-IGO",
	"CC-BY-SA-4.0",
	"CC-PDDC",
	"CC-PDM-1.0",
	"CC-SA-1.0",
	"CC0-1.0",
	"CDDL-1.0",
	"CDDL-1.1",
	"CDL-1.0",
	"CDLA-Permissive-1.0",
	"CDLA-Permissive-2.0",
	"CDLA-Sharing-1.0",
	"CECILL-1.0",
	"CECILL-1.1",
	"CECILL-2.0",
	"CECILL-2.1",
	"CECILL-B",
	"CECILL-C",
	"CERN-OHL-1.1",
	"CERN-OHL-1.2",
	"CERN-OHL-P-2.0",
	"CERN-OHL-S-2.0",
	"CERN-OHL-W-2.0",
	"CFITSIO",
	"check-cvs",
	"checkmk",
	"ClArtistic",
	"Clips",
	"CMU-Mach",
	"CMU-Mach-nodoc",
	"CNRI-Jython",
	"CNRI-Python",
	"CNRI-Python-GPL-Compatible",
	"COIL-1.0",
	"Community-Spec-1.0",
	"Condor-1.1",
	"copyleft-next-0.3.0",
	"copyleft-next-0.3.1",
	"Cornell-Lossless-JPEG",
	"CPAL-1.0",
	"CPL-1.0",
	"CPOL-1.02",
	"Cronyx",
	"Crossword",
	"CryptoSwift",
	"CrystalStacker",
	"CUA-OPL-1.0",
	"Cube",
	"curl",
	"cve-tou",
	"D-FSL-1.0",
	"DEC-3-Clause",
	"diffmark",
	"DL-DE-BY-2.0",
	"DL-DE-ZERO-2.0",
	"DOC",
	"DocBook-DTD",
	"DocBook-Schema",
	"DocBook-Stylesheet",
	"DocBook-XML",
	"Dotseqn",
	"DRL-1.0",
	"DRL-1.1",
	"DSDP",
	"dtoa",
	"dvipdfm",
	"ECL-1.0",
	"ECL-2.0",
	"eCos-2.0",
	"EFL-1.0",
	"EFL-2.0",
	"eGenix",
	"Elastic-2.0",
	"Entessa",
	"EPICS",
	"EPL-1.0",
	"EPL-2.0",
	"ErlPL-1.1",
	"ESA-PL-permissive-2.4",
	"ESA-PL-strong-copyleft-2.4",
	"ESA-PL-weak-copyleft-2.4",
	"etalab-2.0",
	"EUDatagrid",
	"EUPL-1.0",
	"EUPL-1.1",
	"EUPL-1.2",
	"Eurosym",
	"Fair",
	"FBM",
	"FDK-AAC",
	"FDK-MPEG-H",
	"Ferguson-Twofish",
	"Frameworx-1.0",
	"FreeBSD-DOC",
	"FreeImage",
	"FSFAP",
	"FSFAP-no-warranty-disclaimer",
	"FSFUL",
	"FSFULLR",
	"FSFULLRSD",
	"FSFULLRWD",
	"FSL-1.1-ALv2",
	"FSL-1.1-MIT",
	"FTL",
	"Furuseth",
	"fwlw",
	"Game-Programming-Gems",
	"GCR-docs",
	"GD",
	"generic-xts",
	"GFDL-1.1",
	"GFDL-1.1-invariants-only",
	"GFDL-1.1-invariants-or-later",
	"GFDL-1.1-no-invariants-only",
	"GFDL-1.1-no-invariants-or-later",
	"GFDL-1.1-only",
	"GFDL-1.1-or-later",
	"GFDL-1.2",
	"GFDL-1.2-invariants-only",
	"GFDL-1.2-invariants-or-later",
	"GFDL-1.2-no-invariants-only",
	"GFDL-1.2-no-invariants-or-later",
	"GFDL-1.2-only",
	"GFDL-1.2-or-later",
	"GFDL-1.3",
	"GFDL-1.3-invariants-only",
	"GFDL-1.3-invariants-or-later",
	"GFDL-1.3-no-invariants-only",
	"GFDL-1.3-no-invariants-or-later",
	"GFDL-1.3-only",
	"GFDL-1.3-or-later",
	"Giftware",
	"GL2PS",
	"Glide",
	"Glulxe",
	"GLWTPL",
	"gnuplot",
	"GPL-1.0",
	"GPL-1.0+",
	"GPL-1.0-only",
	"GPL-1.0-or-later",
	"GPL-2.0",
	"GPL-2.0+",
	"GPL-2.0-only",
	"GPL-2.0-or-later",
	"GPL-2.0-with-autoconf-exception",
	"GPL-2.0-with-bison-exception",
	"GPL-2.0-with-classpath-exception",
	"GPL-2.0-with-font-exception",
	"GPL-2.0-with-GCC-exception",
	"GPL-3.0",
	"GPL-3.0+",
	"GPL-3.0-only",
	"GPL-3.0-or-later",
	"GPL-3.0-with-autoconf-exception",
	"GPL-3.0-with-GCC-exception",
	"Graphics-Gems",
	"gSOAP-1.3b",
	"gtkbook",
	"Gutmann",
	"HaskellReport",
	"HDF5",
	"hdparm",
	"HIDAPI",
	"Hippocratic-2.1",
	"Hippocratic-3.0-core",
	"HP-1986",
	"HP-1989",
	"HPND",
	"HPND-DEC",
	"HPND-doc",
	"HPND-doc-sell",
	"HPND-export-US",
	"HPND-export-US-acknowledgement",
	"HPND-export-US-modify",
	"HPND-export2-US",
	"HPND-Fenneberg-Livingston",
	"HPND-INRIA-IMAG",
	"HPND-Intel",
	"HPND-Kevlin-Henney",
	"HPND-Markus-Kuhn",
	"HPND-merchantability-variant",
	"HPND-MIT-disclaimer",
	"HPND-Netrek",
	"HPND-Pbmplus",
	"HPND-sell-MIT-disclaimer-xserver",
	"HPND-sell-regexpr",
	"HPND-sell-variant",
	"HPND-sell-variant-critical-systems",
	"HPND-sell-variant-MIT-disclaimer",
	"HPND-sell-variant-MIT-disclaimer-rev",
	"HPND-SMC",
	"HPND-UC",
	"HPND-UC-export-US",
	"HTMLTIDY",
	"hyphen-bulgarian",
	"IBM-pibs",
	"ICU",
	"IEC-Code-Components-EULA",
	"IJG",
	"IJG-short",
	"ImageMagick",
	"iMatix",
	"Imlib2",
	"Info-ZIP",
	"Informatica",
	"Inner-Net-2.0",
	"InnoSetup",
	"Intel",
	"Intel-ACPI",
	"Interbase-1.0",
	"IPA",
	"IPL-1.0",
	"ISC",
	"ISC-Veillard",
	"ISO-permission",
	"Jam",
	"JasPer-2.0",
	"jove",
	"JPL-image",
	"JPNIC",
	"JSON",
	"Kastrup",
	"Kazlib",
	"Knuth-CTAN",
	"LAL-1.2",
	"LAL-1.3",
	"Latex2e",
	"Latex2e-translated-notice",
	"Leptonica",
	"LGPL-2.0",
	"LGPL-2.0+",
	"LGPL-2.0-only",
	"LGPL-2.0-or-later",
	"LGPL-2.1",
	"LGPL-2.1+",
	"LGPL-2.1-only",
	"LGPL-2.1-or-later",
	"LGPL-3.0",
	"LGPL-3.0+",
	"LGPL-3.0-only",
	"LGPL-3.0-or-later",
	"LGPLLR",
	"Libpng",
	"libpng-1.6.35",
	"libpng-2.0",
	"libselinux-1.0",
	"libtiff",
	"libutil-David-Nugent",
	"LiLiQ-P-1.1",
	"LiLiQ-R-1.1",
	"LiLiQ-Rplus-1.1",
	"Linux-man-pages-1-para",
	"Linux-man-pages-copyleft",
	"Linux-man-pages-copyleft-2-para",
	"Linux-man-pages-copyleft-var",
	"Linux-OpenIB",
	"LOOP",
	"LPD-document",
	"LPL-1.0",
	"LPL-1.02",
	"LPPL-1.0",
	"LPPL-1.1",
	"LPPL-1.2",
	"LPPL-1.3a",
	"LPPL-1.3c",
	"lsof",
	"Lucida-Bitmap-Fonts",
	"LZMA-SDK-9.11-to-9.20",
	"LZMA-SDK-9.22",
	"Mackerras-3-Clause",
	"Mackerras-3-Clause-acknowledgment",
	"magaz",
	"mailprio",
	"MakeIndex",
	"man2html",
	"Martin-Birgmeier",
	"McPhee-slideshow",
	"metamail",
	"Minpack",
	"MIPS",
	"MirOS",
	"MIT",
	"MIT-0",
	"MIT-advertising",
	"MIT-Click",
	"MIT-CMU",
	"MIT-enna",
	"MIT-feh",
	"MIT-Festival",
	"MIT-Khronos-old",
	"MIT-Modern-Variant",
	"MIT-open-group",
	"MIT-STK",
	"MIT-testregex",
	"MIT-Wu",
	"MITNFA",
	"MMIXware",
	"MMPL-1.0.1",
	"Motosoto",
	"MPEG-SSG",
	"mpi-permissive",
	"mpich2",
	"MPL-1.0",
	"MPL-1.1",
	"MPL-2.0",
	"MPL-2.0-no-copyleft-exception",
	"mplus",
	"MS-LPL",
	"MS-PL",
	"MS-RL",
	"MTLL",
	"MulanPSL-1.0",
	"MulanPSL-2.0",
	"Multics",
	"Mup",
	"MVT-1.1",
	"NAIST-2003",
	"NASA-1.3",
	"Naumen",
	"NBPL-1.0",
	"NCBI-PD",
	"NCGL-UK-2.0",
	"NCL",
	"NCSA",
	"Net-SNMP",
	"NetCDF",
	"Newsletr",
	"NGPL",
	"ngrep",
	"NICTA-1.0",
	"NIST-PD",
	"NIST-PD-fallback",
	"NIST-PD-TNT",
	"NIST-Software",
	"NLOD-1.0",
	"NLOD-2.0",
	"NLPL",
	"Nokia",
	"NOSL",
	"Noweb",
	"NPL-1.0",
	"NPL-1.1",
	"NPOSL-3.0",
	"NRL",
	"NTIA-PD",
	"NTP",
	"NTP-0",
	"Nunit",
	"O-UDA-1.0",
	"OAR",
	"OCCT-PL",
	"OCLC-2.0",
	"ODbL-1.0",
	"ODC-By-1.0",
	"OFFIS",
	"OFL-1.0",
	"OFL-1.0-no-RFN",
	"OFL-1.0-RFN",
	"OFL-1.1",
	"OFL-1.1-no-RFN",
	"OFL-1.1-RFN",
	"OGC-1.0",
	"OGDL-Taiwan-1.0",
	"OGL-Canada-2.0",
	"OGL-UK-1.0",
	"OGL-UK-2.0",
	"OGL-UK-3.0",
	"OGTSL",
	"OLDAP-1.1",
	"OLDAP-1.2",
	"OLDAP-1.3",
	"OLDAP-1.4",
	"OLDAP-2.0",
	"OLDAP-2.0.1",
	"OLDAP-2.1",
	"OLDAP-2.2",
	"OLDAP-2.2.1",
	"OLDAP-2.2.2",
	"OLDAP-2.3",
	"OLDAP-2.4",
	"OLDAP-2.5",
	"OLDAP-2.6",
	"OLDAP-2.7",
	"OLDAP-2.8",
	"OLFL-1.3",
	"OML",
	"OpenMDW-1.0",
	"OpenPBS-2.3",
	"OpenSSL",
	"OpenSSL-standalone",
	"OpenVision",
	"OPL-1.0",
	"OPL-UK-3.0",
	"OPUBL-1.0",
	"OSC-1.0",
	"OSET-PL-2.1",
	"OSL-1.0",
	"OSL-1.1",
	"OSL-2.0",
	"OSL-2.1",
	"OSL-3.0",
	"OSSP",
	"PADL",
	"ParaType-Free-Font-1.3",
	"Parity-6.0.0",
	"Parity-7.0.0",
	"PDDL-1.0",
	"PHP-3.0",
	"PHP-3.01",
	"Pixar",
	"pkgconf",
	"Plexus",
	"pnmstitch",
	"PolyForm-Noncommercial-1.0.0",
	"PolyForm-Small-Business-1.0.0",
	"PostgreSQL",
	"PPL",
	"PSF-2.0",
	"psfrag",
	"psutils",
	"Python-2.0",
	"Python-2.0.1",
	"python-ldap",
	"Qhull",
	"QPL-1.0",
	"QPL-1.0-INRIA-2004",
	"radvd",
	"Rdisc",
	"RHeCos-1.1",
	"RPL-1.1",
	"RPL-1.5",
	"RPSL-1.0",
	"RSA-MD",
	"RSCPL",
	"Ruby",
	"Ruby-pty",
	"SAX-PD",
	"SAX-PD-2.0",
	"Saxpath",
	"SCEA",
	"SchemeReport",
	"Sendmail",
	"Sendmail-8.23",
	"Sendmail-Open-Source-1.1",
	"SGI-B-1.0",
	"SGI-B-1.1",
	"SGI-B-2.0",
	"SGI-OpenGL",
	"SGMLUG-PM",
	"SGP4",
	"SHL-0.5",
	"SHL-0.51",
	"SimPL-2.0",
	"SISSL",
	"SISSL-1.2",
	"SL",
	"Sleepycat",
	"SMAIL-GPL",
	"SMLNJ",
	"SMPPL",
	"SNIA",
	"snprintf",
	"SOFA",
	"softSurfer",
	"Soundex",
	"Spencer-86",
	"Spencer-94",
	"Spencer-99",
	"SPL-1.0",
	"ssh-keyscan",
	"SSH-OpenSSH",
	"SSH-short",
	"SSLeay-standalone",
	"SSPL-1.0",
	"StandardML-NJ",
	"SugarCRM-1.1.3",
	"SUL-1.0",
	"Sun-PPP",
	"Sun-PPP-2000",
	"SunPro",
	"SWL",
	"swrule",
	"Symlinks",
	"TAPR-OHL-1.0",
	"TCL",
	"TCP-wrappers",
	"TekHVC",
	"TermReadKey",
	"TGPPL-1.0",
	"ThirdEye",
	"threeparttable",
	"TMate",
	"TORQUE-1.1",
	"TOSL",
	"TPDL",
	"TPL-1.0",
	"TrustedQSL",
	"TTWL",
	"TTYP0",
	"TU-Berlin-1.0",
	"TU-Berlin-2.0",
	"Ubuntu-font-1.0",
	"UCAR",
	"UCL-1.0",
	"ulem",
	"UMich-Merit",
	"Unicode-3.0",
	"Unicode-DFS-2015",
	"Unicode-DFS-2016",
	"Unicode-TOU",
	"UnixCrypt",
	"Unlicense",
	"Unlicense-libtelnet",
	"Unlicense-libwhirlpool",
	"UnRAR",
	"UPL-1.0",
	"URT-RLE",
	"Vim",
	"Vixie-Cron",
	"VOSTROM",
	"VSL-1.0",
	"W3C",
	"W3C-19980720",
	"W3C-20150513",
	"w3m",
	"Watcom-1.0",
	"Widget-Workshop",
	"WordNet",
	"Wsuipa",
	"WTFNMFPL",
	"WTFPL",
	"wwl",
	"wxWindows",
	"X11",
	"X11-distribute-modifications-variant",
	"X11-no-permit-persons",
	"X11-swapped",
	"Xdebug-1.03",
	"Xerox",
	"Xfig",
	"XFree86-1.1",
	"xinetd",
	"xkeyboard-config-Zinoviev",
	"xlock",
	"Xnet",
	"xpp",
	"XSkat",
	"xzoom",
	"YPL-1.0",
	"YPL-1.1",
	"Zed",
	"Zeeff",
	"Zend-2.0",
	"Zimbra-1.3",
	"Zimbra-1.4",
	"Zlib",
	"zlib-acknowledgement",
	"ZPL-1.1",
	"ZPL-2.0",
	"ZPL-2.1",
	"389-exception",
	"Asterisk-exception",
	"Asterisk-linking-protocols-exception",
	"Autoconf-exception-2.0",
	"Autoconf-exception-3.0",
	"Autoconf-exception-generic",
	"Autoconf-exception-generic-3.0",
	"Autoconf-exception-macro",
	"Bison-exception-1.24",
	"Bison-exception-2.2",
	"Bootloader-exception",
	"CGAL-linking-exception",
	"Classpath-exception-2.0",
	"Classpath-exception-2.0-short",
	"CLISP-exception-2.0",
	"cryptsetup-OpenSSL-exception",
	"Digia-Qt-LGPL-exception-1.1",
	"DigiRule-FOSS-exception",
	"eCos-exception-2.0",
	"erlang-otp-linking-exception",
	"Fawkes-Runtime-exception",
	"FLTK-exception",
	"fmt-exception",
	"Font-exception-2.0",
	"freertos-exception-2.0",
	"GCC-exception-2.0",
	"GCC-exception-2.0-note",
	"GCC-exception-3.1",
	"Gmsh-exception",
	"GNAT-exception",
	"GNOME-examples-exception",
	"GNU-compiler-exception",
	"gnu-javamail-exception",
	"Google-Patent-WebM",
	"GPL-3.0-389-ds-base-exception",
	"GPL-3.0-interface-exception",
	"GPL-3.0-linking-exception",
	"GPL-3.0-linking-source-exception",
	"GPL-CC-1.0",
	"GStreamer-exception-2005",
	"GStreamer-exception-2008",
	"harbour-exception",
	"i2p-gpl-java-exception",
	"Independent-modules-exception",
	"KiCad-libraries-exception",
	"kvirc-openssl-exception",
	"LGPL-3.0-linking-exception",
	"libpri-OpenH323-exception",
	"Libtool-exception",
	"Linux-syscall-note",
	"LLGPL",
	"LLVM-exception",
	"LZMA-exception",
	"mif-exception",
	"mxml-exception",
	"Nokia-Qt-exception-1.1",
	"OCaml-LGPL-linking-exception",
	"OCCT-exception-1.0",
	"OpenJDK-assembly-exception-1.0",
	"openvpn-openssl-exception",
	"PCRE2-exception",
	"polyparse-exception",
	"PS-or-PDF-font-exception-20170817",
	"QPL-1.0-INRIA-2004-exception",
	"Qt-GPL-exception-1.0",
	"Qt-LGPL-exception-1.1",
	"Qwt-exception-1.0",
	"romic-exception",
	"RRDtool-FLOSS-exception-2.0",
	"rsync-linking-exception",
	"SANE-exception",
	"SHL-2.0",
	"SHL-2.1",
	"Simple-Library-Usage-exception",
	"Spelling-Provider-LGPL-exception",
	"sqlitestudio-OpenSSL-exception",
	"stunnel-exception",
	"SWI-exception",
	"Swift-exception",
	"Texinfo-exception",
	"u-boot-exception-2.0",
	"UBDL-exception",
	"Universal-FOSS-exception-1.0",
	"vsftpd-openssl-exception",
	"WxWindows-exception-3.1",
	"x11vnc-openssl-exception"
]};

var hasRequiredSpdx;

function requireSpdx () {
	if (hasRequiredSpdx) return spdx;
	hasRequiredSpdx = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(spdx, "__esModule", { value: true });
	spdx.isSupportedSpdxId = isSupportedSpdxId;
	spdx.fixupSpdxId = fixupSpdxId;
	const spdx_SNAPSHOT_schema_json_1 = require$$0$1;
	const spdxIds = new Set(spdx_SNAPSHOT_schema_json_1.enum);
	const spdxLowerToActual = Object.freeze(Object.fromEntries(spdx_SNAPSHOT_schema_json_1.enum.map(spdxId => [spdxId.toLowerCase(), spdxId])));
	function isSupportedSpdxId(value) {
	    return spdxIds.has(value);
	}
	function fixupSpdxId(value) {
	    return typeof value === 'string' && value.length > 0
	        ? spdxLowerToActual[value.toLowerCase()]
	        : undefined;
	}
	
	return spdx;
}

var enums = {};

var hasRequiredEnums;

function requireEnums () {
	if (hasRequiredEnums) return enums;
	hasRequiredEnums = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(enums, "__esModule", { value: true });
	enums.Format = enums.Version = void 0;
	var Version;
	(function (Version) {
	    Version["v1dot7"] = "1.7";
	    Version["v1dot6"] = "1.6";
	    Version["v1dot5"] = "1.5";
	    Version["v1dot4"] = "1.4";
	    Version["v1dot3"] = "1.3";
	    Version["v1dot2"] = "1.2";
	    Version["v1dot1"] = "1.1";
	    Version["v1dot0"] = "1.0";
	})(Version || (enums.Version = Version = {}));
	var Format;
	(function (Format) {
	    Format["XML"] = "xml";
	    Format["JSON"] = "json";
	})(Format || (enums.Format = Format = {}));
	
	return enums;
}

var types$1 = {};

var hasRequiredTypes$1;

function requireTypes$1 () {
	if (hasRequiredTypes$1) return types$1;
	hasRequiredTypes$1 = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(types$1, "__esModule", { value: true });
	types$1.JsonSchema = void 0;
	var JsonSchema;
	(function (JsonSchema) {
	    function isIriReference(value) {
	        return typeof value === 'string' &&
	            value.length > 0;
	    }
	    JsonSchema.isIriReference = isIriReference;
	    function isIdnEmail(value) {
	        return typeof value === 'string' &&
	            value.length > 0;
	    }
	    JsonSchema.isIdnEmail = isIdnEmail;
	})(JsonSchema || (types$1.JsonSchema = JsonSchema = {}));
	
	return types$1;
}

var hasRequiredNormalize$1;

function requireNormalize$1 () {
	if (hasRequiredNormalize$1) return normalize$1;
	hasRequiredNormalize$1 = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(normalize$1, "__esModule", { value: true });
	normalize$1.VulnerabilityAnalysisNormalizer = normalize$1.VulnerabilityAffectedVersionNormalizer = normalize$1.VulnerabilityAffectNormalizer = normalize$1.VulnerabilityCreditsNormalizer = normalize$1.VulnerabilityAdvisoryNormalizer = normalize$1.VulnerabilityRatingNormalizer = normalize$1.VulnerabilityReferenceNormalizer = normalize$1.VulnerabilitySourceNormalizer = normalize$1.VulnerabilityNormalizer = normalize$1.DependencyGraphNormalizer = normalize$1.PropertyNormalizer = normalize$1.AttachmentNormalizer = normalize$1.ExternalReferenceNormalizer = normalize$1.SWIDNormalizer = normalize$1.LicenseNormalizer = normalize$1.ComponentEvidenceNormalizer = normalize$1.ServiceNormalizer = normalize$1.ComponentNormalizer = normalize$1.OrganizationalEntityNormalizer = normalize$1.OrganizationalContactNormalizer = normalize$1.HashNormalizer = normalize$1.ToolsNormalizer = normalize$1.ToolNormalizer = normalize$1.LifecycleNormalizer = normalize$1.MetadataNormalizer = normalize$1.BomNormalizer = normalize$1.Factory = void 0;
	const iterable_1 = requireIterable();
	const notUndefined_1 = requireNotUndefined();
	const tree_1 = requireTree();
	const uri_1 = requireUri();
	const license_1 = requireLicense();
	const lifecycle_1 = requireLifecycle();
	const tool_1 = requireTool();
	const affect_1 = requireAffect();
	const spdx_1 = requireSpdx();
	const enums_1 = requireEnums();
	const types_1 = requireTypes$1();
	class Factory {
	    #spec;
	    constructor(spec) {
	        this.#spec = spec;
	    }
	    get spec() {
	        return this.#spec;
	    }
	    makeForBom() {
	        return new BomNormalizer(this);
	    }
	    makeForMetadata() {
	        return new MetadataNormalizer(this);
	    }
	    makeForComponent() {
	        return new ComponentNormalizer(this);
	    }
	    makeForService() {
	        return new ServiceNormalizer(this);
	    }
	    makeForComponentEvidence() {
	        return new ComponentEvidenceNormalizer(this);
	    }
	    makeForLifecycle() {
	        return new LifecycleNormalizer(this);
	    }
	    makeForTool() {
	        return new ToolNormalizer(this);
	    }
	    makeForTools() {
	        return new ToolsNormalizer(this);
	    }
	    makeForOrganizationalContact() {
	        return new OrganizationalContactNormalizer(this);
	    }
	    makeForOrganizationalEntity() {
	        return new OrganizationalEntityNormalizer(this);
	    }
	    makeForHash() {
	        return new HashNormalizer(this);
	    }
	    makeForLicense() {
	        return new LicenseNormalizer(this);
	    }
	    makeForSWID() {
	        return new SWIDNormalizer(this);
	    }
	    makeForExternalReference() {
	        return new ExternalReferenceNormalizer(this);
	    }
	    makeForAttachment() {
	        return new AttachmentNormalizer(this);
	    }
	    makeForProperty() {
	        return new PropertyNormalizer(this);
	    }
	    makeForDependencyGraph() {
	        return new DependencyGraphNormalizer(this);
	    }
	    makeForVulnerability() {
	        return new VulnerabilityNormalizer(this);
	    }
	    makeForVulnerabilitySource() {
	        return new VulnerabilitySourceNormalizer(this);
	    }
	    makeForVulnerabilityReference() {
	        return new VulnerabilityReferenceNormalizer(this);
	    }
	    makeForVulnerabilityRating() {
	        return new VulnerabilityRatingNormalizer(this);
	    }
	    makeForVulnerabilityAdvisory() {
	        return new VulnerabilityAdvisoryNormalizer(this);
	    }
	    makeForVulnerabilityCredits() {
	        return new VulnerabilityCreditsNormalizer(this);
	    }
	    makeForVulnerabilityAffect() {
	        return new VulnerabilityAffectNormalizer(this);
	    }
	    makeForVulnerabilityAffectedVersion() {
	        return new VulnerabilityAffectedVersionNormalizer(this);
	    }
	    makeForVulnerabilityAnalysis() {
	        return new VulnerabilityAnalysisNormalizer(this);
	    }
	}
	normalize$1.Factory = Factory;
	const schemaUrl = new Map([
	    [enums_1.Version.v1dot7, 'http://cyclonedx.org/schema/bom-1.7.schema.json'],
	    [enums_1.Version.v1dot6, 'http://cyclonedx.org/schema/bom-1.6.schema.json'],
	    [enums_1.Version.v1dot5, 'http://cyclonedx.org/schema/bom-1.5.schema.json'],
	    [enums_1.Version.v1dot4, 'http://cyclonedx.org/schema/bom-1.4.schema.json'],
	    [enums_1.Version.v1dot3, 'http://cyclonedx.org/schema/bom-1.3a.schema.json'],
	    [enums_1.Version.v1dot2, 'http://cyclonedx.org/schema/bom-1.2b.schema.json']
	]);
	class BaseJsonNormalizer {
	    _factory;
	    constructor(factory) {
	        this._factory = factory;
	    }
	    get factory() {
	        return this._factory;
	    }
	}
	class BomNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            $schema: schemaUrl.get(this._factory.spec.version),
	            bomFormat: 'CycloneDX',
	            specVersion: this._factory.spec.version,
	            version: data.version,
	            serialNumber: this.#isEligibleSerialNumber(data.serialNumber)
	                ? data.serialNumber
	                : undefined,
	            metadata: this._factory.makeForMetadata().normalize(data.metadata, options),
	            components: data.components.size > 0
	                ? this._factory.makeForComponent().normalizeIterable(data.components, options)
	                : [],
	            services: this._factory.spec.supportsServices && data.services.size > 0
	                ? this._factory.makeForService().normalizeIterable(data.services, options)
	                : undefined,
	            dependencies: this._factory.spec.supportsDependencyGraph
	                ? this._factory.makeForDependencyGraph().normalize(data, options)
	                : undefined,
	            vulnerabilities: this._factory.spec.supportsVulnerabilities && data.vulnerabilities.size > 0
	                ? this._factory.makeForVulnerability().normalizeIterable(data.vulnerabilities, options)
	                : undefined
	        };
	    }
	    #isEligibleSerialNumber(v) {
	        return v !== undefined &&
	            /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);
	    }
	}
	normalize$1.BomNormalizer = BomNormalizer;
	class MetadataNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        const orgEntityNormalizer = this._factory.makeForOrganizationalEntity();
	        return {
	            timestamp: data.timestamp?.toISOString(),
	            lifecycles: this._factory.spec.supportsMetadataLifecycles && data.lifecycles.size > 0
	                ? this._factory.makeForLifecycle().normalizeIterable(data.lifecycles, options)
	                : undefined,
	            tools: data.tools.size > 0
	                ? this._factory.makeForTools().normalize(data.tools, options)
	                : undefined,
	            authors: data.authors.size > 0
	                ? this._factory.makeForOrganizationalContact().normalizeIterable(data.authors, options)
	                : undefined,
	            component: data.component === undefined
	                ? undefined
	                : this._factory.makeForComponent().normalize(data.component, options),
	            manufacture: data.manufacture === undefined
	                ? undefined
	                : orgEntityNormalizer.normalize(data.manufacture, options),
	            supplier: data.supplier === undefined
	                ? undefined
	                : orgEntityNormalizer.normalize(data.supplier, options),
	            licenses: this._factory.spec.supportsMetadataLicenses && data.licenses.size > 0
	                ? this._factory.makeForLicense().normalizeIterable(data.licenses, options)
	                : undefined,
	            properties: this._factory.spec.supportsMetadataProperties && data.properties.size > 0
	                ? this._factory.makeForProperty().normalizeIterable(data.properties, options)
	                : undefined
	        };
	    }
	}
	normalize$1.MetadataNormalizer = MetadataNormalizer;
	class LifecycleNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return data instanceof lifecycle_1.NamedLifecycle
	            ? { name: data.name, description: data.description }
	            : { phase: data };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(lc => this.normalize(lc, options));
	    }
	}
	normalize$1.LifecycleNormalizer = LifecycleNormalizer;
	class ToolNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            vendor: data.vendor || undefined,
	            name: data.name || undefined,
	            version: data.version || undefined,
	            hashes: data.hashes.size > 0
	                ? this._factory.makeForHash().normalizeIterable(data.hashes, options)
	                : undefined,
	            externalReferences: this._factory.spec.supportsToolReferences && data.externalReferences.size > 0
	                ? this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options)
	                : undefined
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(t => this.normalize(t, options));
	    }
	}
	normalize$1.ToolNormalizer = ToolNormalizer;
	class ToolsNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        if (data.tools.size > 0 || !this._factory.spec.supportsToolsComponentsServices) {
	            return this._factory.makeForTool().normalizeIterable(new tool_1.ToolRepository((0, iterable_1.chainI)(Array.from(data.components, tool_1.Tool.fromComponent), Array.from(data.services, tool_1.Tool.fromService), data.tools)), options);
	        }
	        return {
	            components: data.components.size > 0
	                ? this._factory.makeForComponent().normalizeIterable(data.components, options)
	                : undefined,
	            services: data.services.size > 0
	                ? this._factory.makeForService().normalizeIterable(data.services, options)
	                : undefined
	        };
	    }
	}
	normalize$1.ToolsNormalizer = ToolsNormalizer;
	class HashNormalizer extends BaseJsonNormalizer {
	    normalize([algorithm, content], options) {
	        const spec = this._factory.spec;
	        return spec.supportsHashAlgorithm(algorithm) && spec.supportsHashValue(content)
	            ? {
	                alg: algorithm,
	                content
	            }
	            : undefined;
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(h => this.normalize(h, options)).filter(notUndefined_1.isNotUndefined);
	    }
	}
	normalize$1.HashNormalizer = HashNormalizer;
	class OrganizationalContactNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            name: data.name || undefined,
	            email: types_1.JsonSchema.isIdnEmail(data.email)
	                ? data.email
	                : undefined,
	            phone: data.phone || undefined
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(oc => this.normalize(oc, options));
	    }
	}
	normalize$1.OrganizationalContactNormalizer = OrganizationalContactNormalizer;
	class OrganizationalEntityNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        const urls = normalizeStringableIter(Array.from(data.url, (s) => (0, uri_1.escapeUri)(s.toString())), options).filter(types_1.JsonSchema.isIriReference);
	        return {
	            name: data.name || undefined,
	            url: urls.length > 0
	                ? urls
	                : undefined,
	            contact: data.contact.size > 0
	                ? this._factory.makeForOrganizationalContact().normalizeIterable(data.contact, options)
	                : undefined
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(oe => this.normalize(oe, options));
	    }
	}
	normalize$1.OrganizationalEntityNormalizer = OrganizationalEntityNormalizer;
	class ComponentNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        const spec = this._factory.spec;
	        if (!spec.supportsComponentType(data.type)) {
	            return undefined;
	        }
	        const version = data.version ?? '';
	        return {
	            type: data.type,
	            name: data.name,
	            group: data.group || undefined,
	            version: version.length > 0 || spec.requiresComponentVersion
	                ? version
	                : undefined,
	            'bom-ref': data.bomRef.value || undefined,
	            supplier: data.supplier === undefined
	                ? undefined
	                : this._factory.makeForOrganizationalEntity().normalize(data.supplier, options),
	            author: data.author || undefined,
	            publisher: data.publisher || undefined,
	            description: data.description || undefined,
	            scope: data.scope,
	            hashes: data.hashes.size > 0
	                ? this._factory.makeForHash().normalizeIterable(data.hashes, options)
	                : undefined,
	            licenses: data.licenses.size > 0
	                ? this._factory.makeForLicense().normalizeIterable(data.licenses, options)
	                : undefined,
	            copyright: data.copyright?.toString() || undefined,
	            cpe: data.cpe || undefined,
	            purl: data.purl?.toString(),
	            swid: data.swid === undefined
	                ? undefined
	                : this._factory.makeForSWID().normalize(data.swid, options),
	            externalReferences: data.externalReferences.size > 0
	                ? this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options)
	                : undefined,
	            properties: spec.supportsProperties(data) && data.properties.size > 0
	                ? this._factory.makeForProperty().normalizeIterable(data.properties, options)
	                : undefined,
	            components: data.components.size > 0
	                ? this.normalizeIterable(data.components, options)
	                : undefined,
	            evidence: spec.supportsComponentEvidence && data.evidence !== undefined
	                ? this._factory.makeForComponentEvidence().normalize(data.evidence, options)
	                : undefined
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(c => this.normalize(c, options)).filter(notUndefined_1.isNotUndefined);
	    }
	}
	normalize$1.ComponentNormalizer = ComponentNormalizer;
	class ServiceNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        const spec = this._factory.spec;
	        return {
	            'bom-ref': data.bomRef.value || undefined,
	            provider: data.provider
	                ? this._factory.makeForOrganizationalEntity().normalize(data.provider, options)
	                : undefined,
	            group: data.group,
	            name: data.name,
	            version: data.version || undefined,
	            description: data.description || undefined,
	            licenses: data.licenses.size > 0
	                ? this._factory.makeForLicense().normalizeIterable(data.licenses, options)
	                : undefined,
	            externalReferences: data.externalReferences.size > 0
	                ? this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options)
	                : undefined,
	            services: data.services.size > 0
	                ? this._factory.makeForService().normalizeIterable(data.services, options)
	                : undefined,
	            properties: spec.supportsProperties(data) && data.properties.size > 0
	                ? this._factory.makeForProperty().normalizeIterable(data.properties, options)
	                : undefined,
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(s => this.normalize(s, options));
	    }
	}
	normalize$1.ServiceNormalizer = ServiceNormalizer;
	class ComponentEvidenceNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            licenses: data.licenses.size > 0
	                ? this._factory.makeForLicense().normalizeIterable(data.licenses, options)
	                : undefined,
	            copyright: data.copyright.size > 0
	                ? (options.sortLists
	                    ? data.copyright.sorted().map(ComponentEvidenceNormalizer.#normalizeCopyright)
	                    : Array.from(data.copyright, ComponentEvidenceNormalizer.#normalizeCopyright))
	                : undefined
	        };
	    }
	    static #normalizeCopyright(c) {
	        return { text: c.toString() };
	    }
	}
	normalize$1.ComponentEvidenceNormalizer = ComponentEvidenceNormalizer;
	class LicenseNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        switch (true) {
	            case data instanceof license_1.NamedLicense:
	                return this.#normalizeNamedLicense(data, options);
	            case data instanceof license_1.SpdxLicense:
	                return (0, spdx_1.isSupportedSpdxId)(data.id)
	                    ? this.#normalizeSpdxLicense(data, options)
	                    : this.#normalizeNamedLicense(new license_1.NamedLicense(data.id, { url: data.url }), options);
	            case data instanceof license_1.LicenseExpression:
	                return this.#normalizeLicenseExpression(data);
	            default:
	                throw new TypeError('Unexpected LicenseChoice');
	        }
	    }
	    #normalizeNamedLicense(data, options) {
	        const spec = this._factory.spec;
	        const url = (0, uri_1.escapeUri)(data.url?.toString());
	        return {
	            license: {
	                name: data.name,
	                acknowledgement: spec.supportsLicenseAcknowledgement
	                    ? data.acknowledgement
	                    : undefined,
	                text: data.text === undefined
	                    ? undefined
	                    : this._factory.makeForAttachment().normalize(data.text, options),
	                url: types_1.JsonSchema.isIriReference(url)
	                    ? url
	                    : undefined,
	                properties: spec.supportsProperties(data) && data.properties.size > 0
	                    ? this._factory.makeForProperty().normalizeIterable(data.properties, options)
	                    : undefined
	            }
	        };
	    }
	    #normalizeSpdxLicense(data, options) {
	        const spec = this._factory.spec;
	        const url = (0, uri_1.escapeUri)(data.url?.toString());
	        return {
	            license: {
	                id: data.id,
	                acknowledgement: spec.supportsLicenseAcknowledgement
	                    ? data.acknowledgement
	                    : undefined,
	                text: data.text === undefined
	                    ? undefined
	                    : this._factory.makeForAttachment().normalize(data.text, options),
	                url: types_1.JsonSchema.isIriReference(url)
	                    ? url
	                    : undefined,
	                properties: spec.supportsProperties(data) && data.properties.size > 0
	                    ? this._factory.makeForProperty().normalizeIterable(data.properties, options)
	                    : undefined
	            }
	        };
	    }
	    #normalizeLicenseExpression(data) {
	        return {
	            expression: data.expression,
	            acknowledgement: this._factory.spec.supportsLicenseAcknowledgement
	                ? data.acknowledgement
	                : undefined
	        };
	    }
	    normalizeIterable(data, options) {
	        const licenses = options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data);
	        if (licenses.length > 1) {
	            const expressions = licenses.filter(l => l instanceof license_1.LicenseExpression);
	            if (expressions.length > 0) {
	                return [this.#normalizeLicenseExpression(expressions[0])];
	            }
	        }
	        return licenses.map(l => this.normalize(l, options));
	    }
	}
	normalize$1.LicenseNormalizer = LicenseNormalizer;
	class SWIDNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        const url = (0, uri_1.escapeUri)(data.url?.toString());
	        return {
	            tagId: data.tagId,
	            name: data.name,
	            version: data.version || undefined,
	            tagVersion: data.tagVersion,
	            patch: data.patch,
	            text: data.text === undefined
	                ? undefined
	                : this._factory.makeForAttachment().normalize(data.text, options),
	            url: types_1.JsonSchema.isIriReference(url)
	                ? url
	                : undefined
	        };
	    }
	}
	normalize$1.SWIDNormalizer = SWIDNormalizer;
	class ExternalReferenceNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return this._factory.spec.supportsExternalReferenceType(data.type)
	            ? {
	                url: (0, uri_1.escapeUri)(data.url.toString()),
	                type: data.type,
	                hashes: this._factory.spec.supportsExternalReferenceHashes && data.hashes.size > 0
	                    ? this._factory.makeForHash().normalizeIterable(data.hashes, options)
	                    : undefined,
	                comment: data.comment || undefined
	            }
	            : undefined;
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(r => this.normalize(r, options)).filter(notUndefined_1.isNotUndefined);
	    }
	}
	normalize$1.ExternalReferenceNormalizer = ExternalReferenceNormalizer;
	class AttachmentNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            content: data.content.toString(),
	            contentType: data.contentType || undefined,
	            encoding: data.encoding
	        };
	    }
	}
	normalize$1.AttachmentNormalizer = AttachmentNormalizer;
	class PropertyNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            name: data.name,
	            value: data.value
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(p => this.normalize(p, options));
	    }
	}
	normalize$1.PropertyNormalizer = PropertyNormalizer;
	class DependencyGraphNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        const allRefs = new Map();
	        if (data.metadata.component !== undefined) {
	            allRefs.set(data.metadata.component.bomRef, data.metadata.component.dependencies);
	            for (const component of data.metadata.component.components[tree_1.treeIteratorSymbol]()) {
	                allRefs.set(component.bomRef, component.dependencies);
	            }
	        }
	        for (const component of data.components[tree_1.treeIteratorSymbol]()) {
	            allRefs.set(component.bomRef, component.dependencies);
	        }
	        for (const service of data.services[tree_1.treeIteratorSymbol]()) {
	            allRefs.set(service.bomRef, service.dependencies);
	        }
	        const normalized = [];
	        for (const [ref, deps] of allRefs) {
	            const dep = this.#normalizeDependency(ref, deps, allRefs, options);
	            if ((0, notUndefined_1.isNotUndefined)(dep)) {
	                normalized.push(dep);
	            }
	        }
	        if (options.sortLists ?? false) {
	            normalized.sort(({ ref: a }, { ref: b }) => a.localeCompare(b));
	        }
	        return normalized;
	    }
	    #normalizeDependency(ref, deps, allRefs, options) {
	        const bomRef = ref.toString();
	        if (bomRef.length === 0) {
	            return undefined;
	        }
	        const dependsOn = normalizeStringableIter(Array.from(deps).filter(d => allRefs.has(d) && d !== ref), options).filter(d => d.length > 0);
	        return {
	            ref: bomRef,
	            dependsOn: dependsOn.length > 0
	                ? dependsOn
	                : undefined
	        };
	    }
	}
	normalize$1.DependencyGraphNormalizer = DependencyGraphNormalizer;
	class VulnerabilityNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            'bom-ref': data.bomRef.value || undefined,
	            id: data.id || undefined,
	            source: data.source === undefined
	                ? undefined
	                : this._factory.makeForVulnerabilitySource().normalize(data.source, options),
	            references: data.references.size > 0
	                ? this._factory.makeForVulnerabilityReference().normalizeIterable(data.references, options)
	                : undefined,
	            ratings: data.ratings.size > 0
	                ? this._factory.makeForVulnerabilityRating().normalizeIterable(data.ratings, options)
	                : undefined,
	            cwes: data.cwes.size > 0
	                ? (options.sortLists ?? false
	                    ? data.cwes.sorted()
	                    : Array.from(data.cwes))
	                : undefined,
	            description: data.description,
	            detail: data.detail,
	            recommendation: data.recommendation,
	            advisories: data.advisories.size > 0
	                ? this._factory.makeForVulnerabilityAdvisory().normalizeIterable(data.advisories, options)
	                : undefined,
	            created: data.created?.toISOString(),
	            published: data.published?.toISOString(),
	            updated: data.updated?.toISOString(),
	            credits: data.credits === undefined
	                ? undefined
	                : this._factory.makeForVulnerabilityCredits().normalize(data.credits, options),
	            tools: data.tools.size > 0
	                ? this._factory.makeForTools().normalize(data.tools, options)
	                : undefined,
	            analysis: data.analysis === undefined
	                ? undefined
	                : this._factory.makeForVulnerabilityAnalysis().normalize(data.analysis, options),
	            affects: data.affects.size > 0
	                ? this._factory.makeForVulnerabilityAffect().normalizeIterable(data.affects, options)
	                : undefined,
	            properties: data.properties.size > 0
	                ? this._factory.makeForProperty().normalizeIterable(data.properties, options)
	                : undefined
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(v => this.normalize(v, options));
	    }
	}
	normalize$1.VulnerabilityNormalizer = VulnerabilityNormalizer;
	class VulnerabilitySourceNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            name: data.name,
	            url: data.url?.toString()
	        };
	    }
	}
	normalize$1.VulnerabilitySourceNormalizer = VulnerabilitySourceNormalizer;
	class VulnerabilityReferenceNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            id: data.id,
	            source: this._factory.makeForVulnerabilitySource().normalize(data.source, options)
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(r => this.normalize(r, options));
	    }
	}
	normalize$1.VulnerabilityReferenceNormalizer = VulnerabilityReferenceNormalizer;
	class VulnerabilityRatingNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            source: data.source === undefined
	                ? undefined
	                : this._factory.makeForVulnerabilitySource().normalize(data.source, options),
	            score: data.score,
	            severity: data.severity,
	            method: this._factory.spec.supportsVulnerabilityRatingMethod(data.method)
	                ? data.method
	                : undefined,
	            vector: data.vector,
	            justification: data.justification
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(r => this.normalize(r, options));
	    }
	}
	normalize$1.VulnerabilityRatingNormalizer = VulnerabilityRatingNormalizer;
	class VulnerabilityAdvisoryNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        const url = (0, uri_1.escapeUri)(data.url.toString());
	        if (!types_1.JsonSchema.isIriReference(url)) {
	            return undefined;
	        }
	        return {
	            title: data.title,
	            url
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(a => this.normalize(a, options)).filter(notUndefined_1.isNotUndefined);
	    }
	}
	normalize$1.VulnerabilityAdvisoryNormalizer = VulnerabilityAdvisoryNormalizer;
	class VulnerabilityCreditsNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            organizations: data.organizations.size > 0
	                ? this._factory.makeForOrganizationalEntity().normalizeIterable(data.organizations, options)
	                : undefined,
	            individuals: data.individuals.size > 0
	                ? this._factory.makeForOrganizationalContact().normalizeIterable(data.individuals, options)
	                : undefined
	        };
	    }
	}
	normalize$1.VulnerabilityCreditsNormalizer = VulnerabilityCreditsNormalizer;
	class VulnerabilityAffectNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            ref: data.ref.toString(),
	            versions: data.versions.size > 0
	                ? this._factory.makeForVulnerabilityAffectedVersion().normalizeIterable(data.versions, options)
	                : undefined
	        };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(a => this.normalize(a, options));
	    }
	}
	normalize$1.VulnerabilityAffectNormalizer = VulnerabilityAffectNormalizer;
	class VulnerabilityAffectedVersionNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        switch (true) {
	            case data instanceof affect_1.AffectedSingleVersion:
	                return this.#normalizeAffectedSingleVersion(data);
	            case data instanceof affect_1.AffectedVersionRange:
	                return this.#normalizeAffectedVersionRange(data);
	            default:
	                throw new TypeError('Unexpected Vulnerability AffectedVersion');
	        }
	    }
	    #normalizeAffectedSingleVersion(data) {
	        return data.version.length < 1
	            ? undefined
	            : {
	                version: data.version.substring(0, 1024),
	                status: data.status
	            };
	    }
	    #normalizeAffectedVersionRange(data) {
	        return data.range.length < 1
	            ? undefined
	            : {
	                range: data.range.substring(0, 1024),
	                status: data.status
	            };
	    }
	    normalizeIterable(data, options) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(av => this.normalize(av, options)).filter(notUndefined_1.isNotUndefined);
	    }
	}
	normalize$1.VulnerabilityAffectedVersionNormalizer = VulnerabilityAffectedVersionNormalizer;
	class VulnerabilityAnalysisNormalizer extends BaseJsonNormalizer {
	    normalize(data, options) {
	        return {
	            state: data.state,
	            justification: data.justification,
	            response: data.response.size > 0
	                ? (options.sortLists ?? false
	                    ? data.response.sorted()
	                    : Array.from(data.response))
	                : undefined,
	            detail: data.detail
	        };
	    }
	}
	normalize$1.VulnerabilityAnalysisNormalizer = VulnerabilityAnalysisNormalizer;
	function normalizeStringableIter(data, options) {
	    const r = Array.from(data, d => d.toString());
	    if (options.sortLists ?? false) {
	        r.sort((a, b) => a.localeCompare(b));
	    }
	    return r;
	}
	
	return normalize$1;
}

var hasRequiredJson;

function requireJson () {
	if (hasRequiredJson) return json;
	hasRequiredJson = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	var __createBinding = (json && json.__createBinding) || (Object.create ? (function(o, m, k, k2) {
	    if (k2 === undefined) k2 = k;
	    var desc = Object.getOwnPropertyDescriptor(m, k);
	    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
	      desc = { enumerable: true, get: function() { return m[k]; } };
	    }
	    Object.defineProperty(o, k2, desc);
	}) : (function(o, m, k, k2) {
	    if (k2 === undefined) k2 = k;
	    o[k2] = m[k];
	}));
	var __setModuleDefault = (json && json.__setModuleDefault) || (Object.create ? (function(o, v) {
	    Object.defineProperty(o, "default", { enumerable: true, value: v });
	}) : function(o, v) {
	    o["default"] = v;
	});
	var __importStar = (json && json.__importStar) || (function () {
	    var ownKeys = function(o) {
	        ownKeys = Object.getOwnPropertyNames || function (o) {
	            var ar = [];
	            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
	            return ar;
	        };
	        return ownKeys(o);
	    };
	    return function (mod) {
	        if (mod && mod.__esModule) return mod;
	        var result = {};
	        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
	        __setModuleDefault(result, mod);
	        return result;
	    };
	})();
	Object.defineProperty(json, "__esModule", { value: true });
	json.Types = json.Normalize = void 0;
	json.Normalize = __importStar(requireNormalize$1());
	json.Types = __importStar(requireTypes$1());
	
	return json;
}

var jsonSerializer = {};

var errors = {};

var hasRequiredErrors;

function requireErrors () {
	if (hasRequiredErrors) return errors;
	hasRequiredErrors = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(errors, "__esModule", { value: true });
	errors.UnsupportedFormatError = void 0;
	class UnsupportedFormatError extends Error {
	}
	errors.UnsupportedFormatError = UnsupportedFormatError;
	
	return errors;
}

var hasRequiredJsonSerializer;

function requireJsonSerializer () {
	if (hasRequiredJsonSerializer) return jsonSerializer;
	hasRequiredJsonSerializer = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(jsonSerializer, "__esModule", { value: true });
	jsonSerializer.JsonSerializer = void 0;
	const enums_1 = requireEnums();
	const errors_1 = requireErrors();
	const baseSerializer_1 = requireBaseSerializer();
	class JsonSerializer extends baseSerializer_1.BaseSerializer {
	    #normalizerFactory;
	    constructor(normalizerFactory) {
	        if (!normalizerFactory.spec.supportsFormat(enums_1.Format.JSON)) {
	            throw new errors_1.UnsupportedFormatError('Spec does not support JSON format.');
	        }
	        super();
	        this.#normalizerFactory = normalizerFactory;
	    }
	    get normalizerFactory() {
	        return this.#normalizerFactory;
	    }
	    _normalize(bom, options = {}) {
	        return this.#normalizerFactory.makeForBom()
	            .normalize(bom, options);
	    }
	    _serialize(bom, { space } = {}) {
	        return JSON.stringify(bom, null, space);
	    }
	}
	jsonSerializer.JsonSerializer = JsonSerializer;
	
	return jsonSerializer;
}

var xml = {};

var normalize = {};

var _xsd = {};

var hasRequired_xsd;

function require_xsd () {
	if (hasRequired_xsd) return _xsd;
	hasRequired_xsd = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(_xsd, "__esModule", { value: true });
	_xsd.normalizedString = normalizedString;
	_xsd.token = token;
	const _normalizeStringForbiddenSearch = /\r\n|\t|\n|\r/g;
	const _normalizeStringForbiddenReplace = ' ';
	function normalizedString(s) {
	    return s.replace(_normalizeStringForbiddenSearch, _normalizeStringForbiddenReplace);
	}
	const _tokenMultispaceSearch = / {2,}/g;
	const _tokenMultispaceReplace = ' ';
	function token(s) {
	    return normalizedString(s).trim().replace(_tokenMultispaceSearch, _tokenMultispaceReplace);
	}
	
	return _xsd;
}

var types = {};

var hasRequiredTypes;

function requireTypes () {
	if (hasRequiredTypes) return types;
	hasRequiredTypes = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(types, "__esModule", { value: true });
	types.XmlSchema = void 0;
	var XmlSchema;
	(function (XmlSchema) {
	    const _AnyUriSchemePattern = /^[a-z][a-z0-9+\-.]*$/i;
	    function isAnyURI(value) {
	        if (typeof value !== 'string') {
	            return false;
	        }
	        if (value.length === 0) {
	            return false;
	        }
	        const fragmentPos = value.indexOf('#');
	        let beforeFragment = value;
	        if (fragmentPos >= 0) {
	            if (value.includes('#', fragmentPos + 1)) {
	                return false;
	            }
	            beforeFragment = value.slice(undefined, fragmentPos);
	        }
	        const schemePos = beforeFragment.indexOf(':');
	        if (schemePos >= 0) {
	            if (!_AnyUriSchemePattern.test(beforeFragment.slice(undefined, schemePos))) {
	                return false;
	            }
	        }
	        return true;
	    }
	    XmlSchema.isAnyURI = isAnyURI;
	})(XmlSchema || (types.XmlSchema = XmlSchema = {}));
	
	return types;
}

var hasRequiredNormalize;

function requireNormalize () {
	if (hasRequiredNormalize) return normalize;
	hasRequiredNormalize = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(normalize, "__esModule", { value: true });
	normalize.VulnerabilityAffectedVersionNormalizer = normalize.VulnerabilityAffectNormalizer = normalize.VulnerabilityAnalysisNormalizer = normalize.VulnerabilityCreditsNormalizer = normalize.VulnerabilityAdvisoryNormalizer = normalize.VulnerabilityRatingNormalizer = normalize.VulnerabilityReferenceNormalizer = normalize.VulnerabilitySourceNormalizer = normalize.VulnerabilityNormalizer = normalize.DependencyGraphNormalizer = normalize.PropertyNormalizer = normalize.AttachmentNormalizer = normalize.ExternalReferenceNormalizer = normalize.SWIDNormalizer = normalize.LicenseNormalizer = normalize.ComponentEvidenceNormalizer = normalize.ServiceNormalizer = normalize.ComponentNormalizer = normalize.OrganizationalEntityNormalizer = normalize.OrganizationalContactNormalizer = normalize.HashNormalizer = normalize.ToolsNormalizer = normalize.ToolNormalizer = normalize.LifecycleNormalizer = normalize.MetadataNormalizer = normalize.BomNormalizer = normalize.Factory = void 0;
	const iterable_1 = requireIterable();
	const notUndefined_1 = requireNotUndefined();
	const tree_1 = requireTree();
	const uri_1 = requireUri();
	const models_1 = requireModels();
	const license_1 = requireLicense();
	const lifecycle_1 = requireLifecycle();
	const affect_1 = requireAffect();
	const spdx_1 = requireSpdx();
	const enums_1 = requireEnums();
	const _xsd_1 = require_xsd();
	const types_1 = requireTypes();
	class Factory {
	    #spec;
	    constructor(spec) {
	        this.#spec = spec;
	    }
	    get spec() {
	        return this.#spec;
	    }
	    makeForBom() {
	        return new BomNormalizer(this);
	    }
	    makeForMetadata() {
	        return new MetadataNormalizer(this);
	    }
	    makeForLifecycle() {
	        return new LifecycleNormalizer(this);
	    }
	    makeForComponent() {
	        return new ComponentNormalizer(this);
	    }
	    makeForService() {
	        return new ServiceNormalizer(this);
	    }
	    makeForComponentEvidence() {
	        return new ComponentEvidenceNormalizer(this);
	    }
	    makeForTool() {
	        return new ToolNormalizer(this);
	    }
	    makeForTools() {
	        return new ToolsNormalizer(this);
	    }
	    makeForOrganizationalContact() {
	        return new OrganizationalContactNormalizer(this);
	    }
	    makeForOrganizationalEntity() {
	        return new OrganizationalEntityNormalizer(this);
	    }
	    makeForHash() {
	        return new HashNormalizer(this);
	    }
	    makeForLicense() {
	        return new LicenseNormalizer(this);
	    }
	    makeForSWID() {
	        return new SWIDNormalizer(this);
	    }
	    makeForExternalReference() {
	        return new ExternalReferenceNormalizer(this);
	    }
	    makeForAttachment() {
	        return new AttachmentNormalizer(this);
	    }
	    makeForProperty() {
	        return new PropertyNormalizer(this);
	    }
	    makeForDependencyGraph() {
	        return new DependencyGraphNormalizer(this);
	    }
	    makeForVulnerability() {
	        return new VulnerabilityNormalizer(this);
	    }
	    makeForVulnerabilitySource() {
	        return new VulnerabilitySourceNormalizer(this);
	    }
	    makeForVulnerabilityReference() {
	        return new VulnerabilityReferenceNormalizer(this);
	    }
	    makeForVulnerabilityRating() {
	        return new VulnerabilityRatingNormalizer(this);
	    }
	    makeForVulnerabilityAdvisory() {
	        return new VulnerabilityAdvisoryNormalizer(this);
	    }
	    makeForVulnerabilityCredits() {
	        return new VulnerabilityCreditsNormalizer(this);
	    }
	    makeForVulnerabilityAffect() {
	        return new VulnerabilityAffectNormalizer(this);
	    }
	    makeForVulnerabilityAffectedVersion() {
	        return new VulnerabilityAffectedVersionNormalizer(this);
	    }
	    makeForVulnerabilityAnalysis() {
	        return new VulnerabilityAnalysisNormalizer(this);
	    }
	}
	normalize.Factory = Factory;
	const xmlNamespace = new Map([
	    [enums_1.Version.v1dot7, 'http://cyclonedx.org/schema/bom/1.7'],
	    [enums_1.Version.v1dot6, 'http://cyclonedx.org/schema/bom/1.6'],
	    [enums_1.Version.v1dot5, 'http://cyclonedx.org/schema/bom/1.5'],
	    [enums_1.Version.v1dot4, 'http://cyclonedx.org/schema/bom/1.4'],
	    [enums_1.Version.v1dot3, 'http://cyclonedx.org/schema/bom/1.3'],
	    [enums_1.Version.v1dot2, 'http://cyclonedx.org/schema/bom/1.2'],
	    [enums_1.Version.v1dot1, 'http://cyclonedx.org/schema/bom/1.1'],
	    [enums_1.Version.v1dot0, 'http://cyclonedx.org/schema/bom/1.0']
	]);
	class BaseXmlNormalizer {
	    _factory;
	    constructor(factory) {
	        this._factory = factory;
	    }
	    get factory() {
	        return this._factory;
	    }
	}
	class BomNormalizer extends BaseXmlNormalizer {
	    normalize(data, options) {
	        const components = {
	            type: 'element',
	            name: 'components',
	            children: data.components.size > 0
	                ? this._factory.makeForComponent().normalizeIterable(data.components, options, 'component')
	                : undefined
	        };
	        const services = this._factory.spec.supportsServices && data.services.size > 0
	            ? {
	                type: 'element',
	                name: 'services',
	                children: this._factory.makeForService().normalizeIterable(data.services, options, 'service')
	            }
	            : undefined;
	        const vulnerabilities = this._factory.spec.supportsVulnerabilities && data.vulnerabilities.size > 0
	            ? {
	                type: 'element',
	                name: 'vulnerabilities',
	                children: this._factory.makeForVulnerability().normalizeIterable(data.vulnerabilities, options, 'vulnerability')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: 'bom',
	            namespace: xmlNamespace.get(this._factory.spec.version),
	            attributes: {
	                version: data.version,
	                serialNumber: this.#isEligibleSerialNumber(data.serialNumber)
	                    ? data.serialNumber
	                    : undefined
	            },
	            children: [
	                this._factory.makeForMetadata().normalize(data.metadata, options, 'metadata'),
	                components,
	                services,
	                this._factory.spec.supportsDependencyGraph
	                    ? this._factory.makeForDependencyGraph().normalize(data, options, 'dependencies')
	                    : undefined,
	                vulnerabilities
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    #isEligibleSerialNumber(v) {
	        return v !== undefined &&
	            /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/.test(v);
	    }
	}
	normalize.BomNormalizer = BomNormalizer;
	class MetadataNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const orgEntityNormalizer = this._factory.makeForOrganizationalEntity();
	        const lifecycles = this._factory.spec.supportsMetadataLifecycles && data.lifecycles.size > 0
	            ? {
	                type: 'element',
	                name: 'lifecycles',
	                children: this._factory.makeForLifecycle().normalizeIterable(data.lifecycles, options, 'lifecycle')
	            }
	            : undefined;
	        const tools = data.tools.size > 0
	            ? this._factory.makeForTools().normalize(data.tools, options, 'tools')
	            : undefined;
	        const authors = data.authors.size > 0
	            ? {
	                type: 'element',
	                name: 'authors',
	                children: this._factory.makeForOrganizationalContact().normalizeIterable(data.authors, options, 'author')
	            }
	            : undefined;
	        const licenses = this._factory.spec.supportsMetadataLicenses && data.licenses.size > 0
	            ? {
	                type: 'element',
	                name: 'licenses',
	                children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
	            }
	            : undefined;
	        const properties = this._factory.spec.supportsMetadataProperties && data.properties.size > 0
	            ? {
	                type: 'element',
	                name: 'properties',
	                children: this._factory.makeForProperty().normalizeIterable(data.properties, options, 'property')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeOptionalDateTimeElement(data.timestamp, 'timestamp'),
	                lifecycles,
	                tools,
	                authors,
	                data.component === undefined
	                    ? undefined
	                    : this._factory.makeForComponent().normalize(data.component, options, 'component'),
	                data.manufacture === undefined
	                    ? undefined
	                    : orgEntityNormalizer.normalize(data.manufacture, options, 'manufacture'),
	                data.supplier === undefined
	                    ? undefined
	                    : orgEntityNormalizer.normalize(data.supplier, options, 'supplier'),
	                licenses,
	                properties
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	}
	normalize.MetadataNormalizer = MetadataNormalizer;
	class LifecycleNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        return data instanceof lifecycle_1.NamedLifecycle
	            ? {
	                type: 'element',
	                name: elementName,
	                children: [
	                    makeTextElement(data.name, 'name', _xsd_1.normalizedString),
	                    makeOptionalTextElement(data.description, 'description')
	                ].filter(notUndefined_1.isNotUndefined)
	            }
	            : {
	                type: 'element',
	                name: elementName,
	                children: [
	                    makeTextElement(data, 'phase')
	                ]
	            };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(t => this.normalize(t, options, elementName));
	    }
	}
	normalize.LifecycleNormalizer = LifecycleNormalizer;
	class ToolNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const hashes = data.hashes.size > 0
	            ? {
	                type: 'element',
	                name: 'hashes',
	                children: this._factory.makeForHash().normalizeIterable(data.hashes, options, 'hash')
	            }
	            : undefined;
	        const externalReferences = this._factory.spec.supportsToolReferences && data.externalReferences.size > 0
	            ? {
	                type: 'element',
	                name: 'externalReferences',
	                children: this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options, 'reference')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeOptionalTextElement(data.vendor, 'vendor', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.name, 'name', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.version, 'version', _xsd_1.normalizedString),
	                hashes,
	                externalReferences
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(t => this.normalize(t, options, elementName));
	    }
	}
	normalize.ToolNormalizer = ToolNormalizer;
	class ToolsNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        let children = [];
	        if (data.tools.size > 0 || !this._factory.spec.supportsToolsComponentsServices) {
	            children = this._factory.makeForTool().normalizeIterable(new models_1.ToolRepository((0, iterable_1.chainI)(Array.from(data.components, models_1.Tool.fromComponent), Array.from(data.services, models_1.Tool.fromService), data.tools)), options, 'tool');
	        }
	        else {
	            if (data.components.size > 0) {
	                children.push({
	                    type: 'element',
	                    name: 'components',
	                    children: this._factory.makeForComponent().normalizeIterable(data.components, options, 'component')
	                });
	            }
	            if (data.services.size > 0) {
	                children.push({
	                    type: 'element',
	                    name: 'services',
	                    children: this._factory.makeForService().normalizeIterable(data.services, options, 'service')
	                });
	            }
	        }
	        return {
	            type: 'element',
	            name: elementName,
	            children
	        };
	    }
	}
	normalize.ToolsNormalizer = ToolsNormalizer;
	class HashNormalizer extends BaseXmlNormalizer {
	    normalize([algorithm, content], options, elementName) {
	        const spec = this._factory.spec;
	        return spec.supportsHashAlgorithm(algorithm) && spec.supportsHashValue(content)
	            ? {
	                type: 'element',
	                name: elementName,
	                attributes: { alg: algorithm },
	                children: (0, _xsd_1.token)(content)
	            }
	            : undefined;
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(h => this.normalize(h, options, elementName)).filter(notUndefined_1.isNotUndefined);
	    }
	}
	normalize.HashNormalizer = HashNormalizer;
	class OrganizationalContactNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeOptionalTextElement(data.name, 'name', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.email, 'email', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.phone, 'phone', _xsd_1.normalizedString)
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(oc => this.normalize(oc, options, elementName));
	    }
	}
	normalize.OrganizationalContactNormalizer = OrganizationalContactNormalizer;
	class OrganizationalEntityNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeOptionalTextElement(data.name, 'name', _xsd_1.normalizedString),
	                ...makeTextElementIter(Array.from(data.url, (s) => (0, uri_1.escapeUri)(s.toString())), options, 'url').filter(({ children: u }) => types_1.XmlSchema.isAnyURI(u)),
	                ...this._factory.makeForOrganizationalContact().normalizeIterable(data.contact, options, 'contact')
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(oe => this.normalize(oe, options, elementName));
	    }
	}
	normalize.OrganizationalEntityNormalizer = OrganizationalEntityNormalizer;
	class ComponentNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const spec = this._factory.spec;
	        if (!spec.supportsComponentType(data.type)) {
	            return undefined;
	        }
	        const supplier = data.supplier === undefined
	            ? undefined
	            : this._factory.makeForOrganizationalEntity().normalize(data.supplier, options, 'supplier');
	        const version = (spec.requiresComponentVersion
	            ? makeTextElement
	            : makeOptionalTextElement)(data.version ?? '', 'version', _xsd_1.normalizedString);
	        const hashes = data.hashes.size > 0
	            ? {
	                type: 'element',
	                name: 'hashes',
	                children: this._factory.makeForHash().normalizeIterable(data.hashes, options, 'hash')
	            }
	            : undefined;
	        const licenses = data.licenses.size > 0
	            ? {
	                type: 'element',
	                name: 'licenses',
	                children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
	            }
	            : undefined;
	        const swid = data.swid === undefined
	            ? undefined
	            : this._factory.makeForSWID().normalize(data.swid, options, 'swid');
	        const extRefs = data.externalReferences.size > 0
	            ? {
	                type: 'element',
	                name: 'externalReferences',
	                children: this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options, 'reference')
	            }
	            : undefined;
	        const properties = spec.supportsProperties(data) && data.properties.size > 0
	            ? {
	                type: 'element',
	                name: 'properties',
	                children: this._factory.makeForProperty().normalizeIterable(data.properties, options, 'property')
	            }
	            : undefined;
	        const components = data.components.size > 0
	            ? {
	                type: 'element',
	                name: 'components',
	                children: this.normalizeIterable(data.components, options, 'component')
	            }
	            : undefined;
	        const evidence = spec.supportsComponentEvidence && data.evidence !== undefined
	            ? this._factory.makeForComponentEvidence().normalize(data.evidence, options, 'evidence')
	            : undefined;
	        return {
	            type: 'element',
	            name: elementName,
	            attributes: {
	                type: data.type,
	                'bom-ref': data.bomRef.value
	            },
	            children: [
	                supplier,
	                makeOptionalTextElement(data.author, 'author', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.publisher, 'publisher', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.group, 'group', _xsd_1.normalizedString),
	                makeTextElement(data.name, 'name', _xsd_1.normalizedString),
	                version,
	                makeOptionalTextElement(data.description, 'description', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.scope, 'scope'),
	                hashes,
	                licenses,
	                makeOptionalTextElement(data.copyright, 'copyright', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.cpe, 'cpe'),
	                makeOptionalTextElement(data.purl, 'purl'),
	                swid,
	                extRefs,
	                properties,
	                components,
	                evidence
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(c => this.normalize(c, options, elementName)).filter(notUndefined_1.isNotUndefined);
	    }
	}
	normalize.ComponentNormalizer = ComponentNormalizer;
	class ServiceNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const spec = this._factory.spec;
	        const provider = data.provider === undefined
	            ? undefined
	            : this._factory.makeForOrganizationalEntity().normalize(data.provider, options, 'provider');
	        const licenses = data.licenses.size > 0
	            ? {
	                type: 'element',
	                name: 'licenses',
	                children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
	            }
	            : undefined;
	        const extRefs = data.externalReferences.size > 0
	            ? {
	                type: 'element',
	                name: 'externalReferences',
	                children: this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options, 'reference')
	            }
	            : undefined;
	        const properties = spec.supportsProperties(data) && data.properties.size > 0
	            ? {
	                type: 'element',
	                name: 'properties',
	                children: this._factory.makeForProperty().normalizeIterable(data.properties, options, 'property')
	            }
	            : undefined;
	        const services = data.services.size > 0
	            ? {
	                type: 'element',
	                name: 'services',
	                children: this.normalizeIterable(data.services, options, 'service')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: elementName,
	            attributes: {
	                'bom-ref': data.bomRef.value
	            },
	            children: [
	                provider,
	                makeOptionalTextElement(data.group, 'group', _xsd_1.normalizedString),
	                makeTextElement(data.name, 'name', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.version, 'version', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.description, 'description', _xsd_1.normalizedString),
	                licenses,
	                extRefs,
	                properties,
	                services,
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(s => this.normalize(s, options, elementName));
	    }
	}
	normalize.ServiceNormalizer = ServiceNormalizer;
	class ComponentEvidenceNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const licenses = data.licenses.size > 0
	            ? {
	                type: 'element',
	                name: 'licenses',
	                children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
	            }
	            : undefined;
	        const copyright = data.copyright.size > 0
	            ? {
	                type: 'element',
	                name: 'copyright',
	                children: makeTextElementIter(data.copyright, options, 'text')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                licenses,
	                copyright
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	}
	normalize.ComponentEvidenceNormalizer = ComponentEvidenceNormalizer;
	class LicenseNormalizer extends BaseXmlNormalizer {
	    normalize(data, options) {
	        switch (true) {
	            case data instanceof license_1.NamedLicense:
	                return this.#normalizeNamedLicense(data, options);
	            case data instanceof license_1.SpdxLicense:
	                return (0, spdx_1.isSupportedSpdxId)(data.id)
	                    ? this.#normalizeSpdxLicense(data, options)
	                    : this.#normalizeNamedLicense(new license_1.NamedLicense(data.id, { url: data.url }), options);
	            case data instanceof license_1.LicenseExpression:
	                return this.#normalizeLicenseExpression(data);
	            default:
	                throw new TypeError('Unexpected LicenseChoice');
	        }
	    }
	    #normalizeNamedLicense(data, options) {
	        const spec = this._factory.spec;
	        const url = (0, uri_1.escapeUri)(data.url?.toString());
	        const properties = spec.supportsProperties(data) && data.properties.size > 0
	            ? {
	                type: 'element',
	                name: 'properties',
	                children: this._factory.makeForProperty().normalizeIterable(data.properties, options, 'property')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: 'license',
	            attributes: {
	                acknowledgement: spec.supportsLicenseAcknowledgement
	                    ? data.acknowledgement
	                    : undefined
	            },
	            children: [
	                makeTextElement(data.name, 'name', _xsd_1.normalizedString),
	                data.text === undefined
	                    ? undefined
	                    : this._factory.makeForAttachment().normalize(data.text, options, 'text'),
	                types_1.XmlSchema.isAnyURI(url)
	                    ? makeTextElement(url, 'url')
	                    : undefined,
	                properties
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    #normalizeSpdxLicense(data, options) {
	        const spec = this._factory.spec;
	        const url = (0, uri_1.escapeUri)(data.url?.toString());
	        const properties = spec.supportsProperties(data) && data.properties.size > 0
	            ? {
	                type: 'element',
	                name: 'properties',
	                children: this._factory.makeForProperty().normalizeIterable(data.properties, options, 'property')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: 'license',
	            attributes: {
	                acknowledgement: spec.supportsLicenseAcknowledgement
	                    ? data.acknowledgement
	                    : undefined
	            },
	            children: [
	                makeTextElement(data.id, 'id'),
	                data.text === undefined
	                    ? undefined
	                    : this._factory.makeForAttachment().normalize(data.text, options, 'text'),
	                types_1.XmlSchema.isAnyURI(url)
	                    ? makeTextElement(url, 'url')
	                    : undefined,
	                properties
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    #normalizeLicenseExpression(data) {
	        const elem = makeTextElement(data.expression, 'expression', _xsd_1.normalizedString);
	        elem.attributes = {
	            acknowledgement: this._factory.spec.supportsLicenseAcknowledgement
	                ? data.acknowledgement
	                : undefined
	        };
	        return elem;
	    }
	    normalizeIterable(data, options) {
	        const licenses = options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data);
	        if (licenses.length > 1) {
	            const expressions = licenses.filter(l => l instanceof license_1.LicenseExpression);
	            if (expressions.length > 0) {
	                return [this.#normalizeLicenseExpression(expressions[0])];
	            }
	        }
	        return licenses.map(l => this.normalize(l, options));
	    }
	}
	normalize.LicenseNormalizer = LicenseNormalizer;
	class SWIDNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const url = (0, uri_1.escapeUri)(data.url?.toString());
	        return {
	            type: 'element',
	            name: elementName,
	            attributes: {
	                tagId: data.tagId,
	                name: data.name,
	                version: data.version || undefined,
	                tagVersion: data.tagVersion,
	                patch: data.patch === undefined
	                    ? undefined
	                    : (data.patch ? 'true' : 'false')
	            },
	            children: [
	                data.text === undefined
	                    ? undefined
	                    : this._factory.makeForAttachment().normalize(data.text, options, 'text'),
	                types_1.XmlSchema.isAnyURI(url)
	                    ? makeTextElement(url, 'url')
	                    : undefined
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	}
	normalize.SWIDNormalizer = SWIDNormalizer;
	class ExternalReferenceNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const url = (0, uri_1.escapeUri)(data.url.toString());
	        const hashes = this._factory.spec.supportsExternalReferenceHashes && data.hashes.size > 0
	            ? {
	                type: 'element',
	                name: 'hashes',
	                children: this._factory.makeForHash().normalizeIterable(data.hashes, options, 'hash')
	            }
	            : undefined;
	        return this._factory.spec.supportsExternalReferenceType(data.type) &&
	            types_1.XmlSchema.isAnyURI(url)
	            ? {
	                type: 'element',
	                name: elementName,
	                attributes: {
	                    type: data.type
	                },
	                children: [
	                    makeTextElement(url, 'url'),
	                    makeOptionalTextElement(data.comment, 'comment'),
	                    hashes
	                ].filter(notUndefined_1.isNotUndefined)
	            }
	            : undefined;
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(r => this.normalize(r, options, elementName)).filter(notUndefined_1.isNotUndefined);
	    }
	}
	normalize.ExternalReferenceNormalizer = ExternalReferenceNormalizer;
	class AttachmentNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        return {
	            type: 'element',
	            name: elementName,
	            attributes: {
	                'content-type': data.contentType
	                    ? (0, _xsd_1.normalizedString)(data.contentType)
	                    : undefined,
	                encoding: data.encoding || undefined
	            },
	            children: data.content.toString()
	        };
	    }
	}
	normalize.AttachmentNormalizer = AttachmentNormalizer;
	class PropertyNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        return {
	            type: 'element',
	            name: elementName,
	            attributes: {
	                name: data.name
	            },
	            children: (0, _xsd_1.normalizedString)(data.value)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(p => this.normalize(p, options, elementName));
	    }
	}
	normalize.PropertyNormalizer = PropertyNormalizer;
	class DependencyGraphNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const allRefs = new Map();
	        if (data.metadata.component !== undefined) {
	            allRefs.set(data.metadata.component.bomRef, data.metadata.component.dependencies);
	            for (const component of data.metadata.component.components[tree_1.treeIteratorSymbol]()) {
	                allRefs.set(component.bomRef, component.dependencies);
	            }
	        }
	        for (const component of data.components[tree_1.treeIteratorSymbol]()) {
	            allRefs.set(component.bomRef, component.dependencies);
	        }
	        for (const service of data.services[tree_1.treeIteratorSymbol]()) {
	            allRefs.set(service.bomRef, service.dependencies);
	        }
	        const normalized = [];
	        for (const [ref, deps] of allRefs) {
	            const dep = this.#normalizeDependency(ref, deps, allRefs, options);
	            if ((0, notUndefined_1.isNotUndefined)(dep)) {
	                normalized.push(dep);
	            }
	        }
	        if (options.sortLists ?? false) {
	            normalized.sort(({ attributes: { ref: a } }, { attributes: { ref: b } }) => a.localeCompare(b));
	        }
	        return {
	            type: 'element',
	            name: elementName,
	            children: normalized
	        };
	    }
	    #normalizeDependency(ref, deps, allRefs, options) {
	        const bomRef = ref.toString();
	        if (bomRef.length === 0) {
	            return undefined;
	        }
	        const dependsOn = Array.from(deps).filter(d => allRefs.has(d) && d !== ref)
	            .map(d => d.toString()).filter(d => d.length > 0);
	        if (options.sortLists ?? false) {
	            dependsOn.sort((a, b) => a.localeCompare(b));
	        }
	        return {
	            type: 'element',
	            name: 'dependency',
	            attributes: { ref: bomRef },
	            children: dependsOn.map(d => ({
	                type: 'element',
	                name: 'dependency',
	                attributes: { ref: d }
	            }))
	        };
	    }
	}
	normalize.DependencyGraphNormalizer = DependencyGraphNormalizer;
	class VulnerabilityNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const references = data.references.size > 0
	            ? {
	                type: 'element',
	                name: 'references',
	                children: this._factory.makeForVulnerabilityReference().normalizeIterable(data.references, options, 'reference')
	            }
	            : undefined;
	        const ratings = data.ratings.size > 0
	            ? {
	                type: 'element',
	                name: 'ratings',
	                children: this._factory.makeForVulnerabilityRating().normalizeIterable(data.ratings, options, 'rating')
	            }
	            : undefined;
	        const cwes = data.cwes.size > 0
	            ? {
	                type: 'element',
	                name: 'cwes',
	                children: (options.sortLists
	                    ? data.cwes.sorted()
	                    : Array.from(data.cwes)).map(cwe => makeTextElement(cwe, 'cwe'))
	            }
	            : undefined;
	        const advisories = data.advisories.size > 0
	            ? {
	                type: 'element',
	                name: 'advisories',
	                children: this._factory.makeForVulnerabilityAdvisory().normalizeIterable(data.advisories, options, 'advisory')
	            }
	            : undefined;
	        const tools = data.tools.size > 0
	            ? this._factory.makeForTools().normalize(data.tools, options, 'tools')
	            : undefined;
	        const affects = data.affects.size > 0
	            ? {
	                type: 'element',
	                name: 'affects',
	                children: this._factory.makeForVulnerabilityAffect().normalizeIterable(data.affects, options, 'target')
	            }
	            : undefined;
	        const properties = data.properties.size > 0
	            ? {
	                type: 'element',
	                name: 'properties',
	                children: this._factory.makeForProperty().normalizeIterable(data.properties, options, 'property')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: elementName,
	            attributes: { 'bom-ref': data.bomRef.value || undefined },
	            children: [
	                makeOptionalTextElement(data.id, 'id', _xsd_1.normalizedString),
	                data.source === undefined
	                    ? undefined
	                    : this._factory.makeForVulnerabilitySource().normalize(data.source, options, 'source'),
	                references,
	                ratings,
	                cwes,
	                makeOptionalTextElement(data.description, 'description'),
	                makeOptionalTextElement(data.detail, 'detail'),
	                makeOptionalTextElement(data.recommendation, 'recommendation'),
	                advisories,
	                makeOptionalDateTimeElement(data.created, 'created'),
	                makeOptionalDateTimeElement(data.created, 'published'),
	                makeOptionalDateTimeElement(data.created, 'updated'),
	                data.credits === undefined
	                    ? undefined
	                    : this._factory.makeForVulnerabilityCredits().normalize(data.credits, options, 'credits'),
	                tools,
	                data.analysis === undefined
	                    ? undefined
	                    : this._factory.makeForVulnerabilityAnalysis().normalize(data.analysis, options, 'analysis'),
	                affects,
	                properties
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(v => this.normalize(v, options, elementName));
	    }
	}
	normalize.VulnerabilityNormalizer = VulnerabilityNormalizer;
	class VulnerabilitySourceNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const url = (0, uri_1.escapeUri)(data.url?.toString());
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeOptionalTextElement(data.name, 'name', _xsd_1.normalizedString),
	                types_1.XmlSchema.isAnyURI(url)
	                    ? makeTextElement(url, 'url')
	                    : undefined
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	}
	normalize.VulnerabilitySourceNormalizer = VulnerabilitySourceNormalizer;
	class VulnerabilityReferenceNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeTextElement(data.id, 'id'),
	                this._factory.makeForVulnerabilitySource().normalize(data.source, options, 'source')
	            ]
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(r => this.normalize(r, options, elementName));
	    }
	}
	normalize.VulnerabilityReferenceNormalizer = VulnerabilityReferenceNormalizer;
	class VulnerabilityRatingNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                data.source === undefined
	                    ? undefined
	                    : this._factory.makeForVulnerabilitySource().normalize(data.source, options, 'source'),
	                makeOptionalTextElement(data.score, 'score'),
	                makeOptionalTextElement(data.severity, 'severity'),
	                this._factory.spec.supportsVulnerabilityRatingMethod(data.method)
	                    ? makeOptionalTextElement(data.method, 'method')
	                    : undefined,
	                makeOptionalTextElement(data.vector, 'vector', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.justification, 'justification')
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(r => this.normalize(r, options, elementName));
	    }
	}
	normalize.VulnerabilityRatingNormalizer = VulnerabilityRatingNormalizer;
	class VulnerabilityAdvisoryNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const url = (0, uri_1.escapeUri)(data.url.toString());
	        if (!types_1.XmlSchema.isAnyURI(url)) {
	            return undefined;
	        }
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeOptionalTextElement(data.title, 'title'),
	                makeTextElement(url, 'url')
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(a => this.normalize(a, options, elementName)).filter(notUndefined_1.isNotUndefined);
	    }
	}
	normalize.VulnerabilityAdvisoryNormalizer = VulnerabilityAdvisoryNormalizer;
	class VulnerabilityCreditsNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const organizations = data.organizations.size > 0
	            ? {
	                type: 'element',
	                name: 'organizations',
	                children: this._factory.makeForOrganizationalEntity().normalizeIterable(data.organizations, options, 'organization')
	            }
	            : undefined;
	        const individuals = data.individuals.size > 0
	            ? {
	                type: 'element',
	                name: 'individuals',
	                children: this._factory.makeForOrganizationalContact().normalizeIterable(data.individuals, options, 'individual')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                organizations,
	                individuals
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	}
	normalize.VulnerabilityCreditsNormalizer = VulnerabilityCreditsNormalizer;
	class VulnerabilityAnalysisNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const responses = data.response.size > 0
	            ? {
	                type: 'element',
	                name: 'responses',
	                children: (options.sortLists ?? false
	                    ? data.response.sorted()
	                    : Array.from(data.response)).map(ar => makeTextElement(ar, 'response'))
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeOptionalTextElement(data.state, 'state'),
	                makeOptionalTextElement(data.justification, 'justification'),
	                responses,
	                makeOptionalTextElement(data.detail, 'detail')
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	}
	normalize.VulnerabilityAnalysisNormalizer = VulnerabilityAnalysisNormalizer;
	class VulnerabilityAffectNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        const versions = data.versions.size > 0
	            ? {
	                type: 'element',
	                name: 'versions',
	                children: this._factory.makeForVulnerabilityAffectedVersion().normalizeIterable(data.versions, options, 'version')
	            }
	            : undefined;
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeTextElement(data.ref, 'ref'),
	                versions
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(a => this.normalize(a, options, elementName));
	    }
	}
	normalize.VulnerabilityAffectNormalizer = VulnerabilityAffectNormalizer;
	class VulnerabilityAffectedVersionNormalizer extends BaseXmlNormalizer {
	    normalize(data, options, elementName) {
	        switch (true) {
	            case data instanceof affect_1.AffectedSingleVersion:
	                return this.#normalizeAffectedSingleVersion(data, elementName);
	            case data instanceof affect_1.AffectedVersionRange:
	                return this.#normalizeAffectedVersionRange(data, elementName);
	            default:
	                throw new TypeError('Unexpected Vulnerability AffectedVersion');
	        }
	    }
	    #normalizeAffectedSingleVersion(data, elementName) {
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeTextElement(data.version, 'version', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.status, 'status')
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    #normalizeAffectedVersionRange(data, elementName) {
	        return {
	            type: 'element',
	            name: elementName,
	            children: [
	                makeTextElement(data.range, 'range', _xsd_1.normalizedString),
	                makeOptionalTextElement(data.status, 'status')
	            ].filter(notUndefined_1.isNotUndefined)
	        };
	    }
	    normalizeIterable(data, options, elementName) {
	        return (options.sortLists ?? false
	            ? data.sorted()
	            : Array.from(data)).map(av => this.normalize(av, options, elementName));
	    }
	}
	normalize.VulnerabilityAffectedVersionNormalizer = VulnerabilityAffectedVersionNormalizer;
	const noTEM = (s) => s;
	function makeOptionalTextElement(data, elementName, mod = noTEM) {
	    const s = mod(data?.toString() ?? '');
	    return s.length > 0
	        ? makeTextElement(s, elementName)
	        : undefined;
	}
	function makeTextElement(data, elementName, mod = noTEM) {
	    return {
	        type: 'element',
	        name: elementName,
	        children: mod(data.toString())
	    };
	}
	function makeTextElementIter(data, options, elementName, mod = noTEM) {
	    const r = Array.from(data, d => makeTextElement(d, elementName, mod));
	    if (options.sortLists ?? false) {
	        r.sort(({ children: a }, { children: b }) => a.localeCompare(b));
	    }
	    return r;
	}
	function makeOptionalDateTimeElement(data, elementName, mod = noTEM) {
	    const d = data?.toISOString();
	    return d === undefined
	        ? undefined
	        : makeTextElement(d, elementName, mod);
	}
	
	return normalize;
}

var hasRequiredXml;

function requireXml () {
	if (hasRequiredXml) return xml;
	hasRequiredXml = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	var __createBinding = (xml && xml.__createBinding) || (Object.create ? (function(o, m, k, k2) {
	    if (k2 === undefined) k2 = k;
	    var desc = Object.getOwnPropertyDescriptor(m, k);
	    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
	      desc = { enumerable: true, get: function() { return m[k]; } };
	    }
	    Object.defineProperty(o, k2, desc);
	}) : (function(o, m, k, k2) {
	    if (k2 === undefined) k2 = k;
	    o[k2] = m[k];
	}));
	var __setModuleDefault = (xml && xml.__setModuleDefault) || (Object.create ? (function(o, v) {
	    Object.defineProperty(o, "default", { enumerable: true, value: v });
	}) : function(o, v) {
	    o["default"] = v;
	});
	var __importStar = (xml && xml.__importStar) || (function () {
	    var ownKeys = function(o) {
	        ownKeys = Object.getOwnPropertyNames || function (o) {
	            var ar = [];
	            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
	            return ar;
	        };
	        return ownKeys(o);
	    };
	    return function (mod) {
	        if (mod && mod.__esModule) return mod;
	        var result = {};
	        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
	        __setModuleDefault(result, mod);
	        return result;
	    };
	})();
	Object.defineProperty(xml, "__esModule", { value: true });
	xml.Types = xml.Normalize = void 0;
	xml.Normalize = __importStar(requireNormalize());
	xml.Types = __importStar(requireTypes());
	
	return xml;
}

var xmlBaseSerializer = {};

var hasRequiredXmlBaseSerializer;

function requireXmlBaseSerializer () {
	if (hasRequiredXmlBaseSerializer) return xmlBaseSerializer;
	hasRequiredXmlBaseSerializer = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(xmlBaseSerializer, "__esModule", { value: true });
	xmlBaseSerializer.XmlBaseSerializer = void 0;
	const enums_1 = requireEnums();
	const errors_1 = requireErrors();
	const baseSerializer_1 = requireBaseSerializer();
	class XmlBaseSerializer extends baseSerializer_1.BaseSerializer {
	    #normalizerFactory;
	    constructor(normalizerFactory) {
	        if (!normalizerFactory.spec.supportsFormat(enums_1.Format.XML)) {
	            throw new errors_1.UnsupportedFormatError('Spec does not support XML format.');
	        }
	        super();
	        this.#normalizerFactory = normalizerFactory;
	    }
	    get normalizerFactory() {
	        return this.#normalizerFactory;
	    }
	    _normalize(bom, options = {}) {
	        return this.#normalizerFactory.makeForBom()
	            .normalize(bom, options);
	    }
	}
	xmlBaseSerializer.XmlBaseSerializer = XmlBaseSerializer;
	
	return xmlBaseSerializer;
}

var hasRequiredIndex_common;

function requireIndex_common () {
	if (hasRequiredIndex_common) return index_common;
	hasRequiredIndex_common = 1;
	(function (exports) {
		/*!
		This file is part of CycloneDX JavaScript Library.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		   http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.

		SPDX-License-Identifier: Apache-2.0
		Copyright (c) OWASP Foundation. All Rights Reserved.
		*/
		var __createBinding = (index_common && index_common.__createBinding) || (Object.create ? (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    var desc = Object.getOwnPropertyDescriptor(m, k);
		    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
		      desc = { enumerable: true, get: function() { return m[k]; } };
		    }
		    Object.defineProperty(o, k2, desc);
		}) : (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    o[k2] = m[k];
		}));
		var __setModuleDefault = (index_common && index_common.__setModuleDefault) || (Object.create ? (function(o, v) {
		    Object.defineProperty(o, "default", { enumerable: true, value: v });
		}) : function(o, v) {
		    o["default"] = v;
		});
		var __exportStar = (index_common && index_common.__exportStar) || function(m, exports) {
		    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
		};
		var __importStar = (index_common && index_common.__importStar) || (function () {
		    var ownKeys = function(o) {
		        ownKeys = Object.getOwnPropertyNames || function (o) {
		            var ar = [];
		            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
		            return ar;
		        };
		        return ownKeys(o);
		    };
		    return function (mod) {
		        if (mod && mod.__esModule) return mod;
		        var result = {};
		        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
		        __setModuleDefault(result, mod);
		        return result;
		    };
		})();
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.XML = exports.JSON = exports.Types = void 0;
		__exportStar(requireBomRefDiscriminator(), exports);
		__exportStar(requireErrors$1(), exports);
		exports.Types = __importStar(requireTypes$2());
		__exportStar(requireBaseSerializer(), exports);
		exports.JSON = __importStar(requireJson());
		__exportStar(requireJsonSerializer(), exports);
		exports.XML = __importStar(requireXml());
		__exportStar(requireXmlBaseSerializer(), exports);
		
	} (index_common));
	return index_common;
}

var xmlSerializer_node = {};

var xmlStringify = {};

var _wrapper = {};

var hasRequired_wrapper;

function require_wrapper () {
	if (hasRequired_wrapper) return _wrapper;
	hasRequired_wrapper = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(_wrapper, "__esModule", { value: true });
	_wrapper.default = default_1;
	const errors_1 = requireErrors$2();
	function makeWIllThrow(message) {
	    const f = function () {
	        throw new errors_1.OptPlugError(message);
	    };
	    f.fails = true;
	    return Object.freeze(f);
	}
	function default_1(name, pf) {
	    for (const [, getF] of pf) {
	        try {
	            return getF();
	        }
	        catch {
	        }
	    }
	    return makeWIllThrow(`No ${name} available.\n` +
	        'Please install one of the optional dependencies: ' +
	        pf.map(kv => kv[0]).join(' || '));
	}
	
	return _wrapper;
}

var xmlbuilder2 = {};

var _absent_xmlbuilder2 = {};

var _absent_xmlbuilder2$1 = /*#__PURE__*/Object.freeze({
   __proto__: null,
   default: _absent_xmlbuilder2
});

var require$$0 = /*@__PURE__*/getAugmentedNamespace(_absent_xmlbuilder2$1);

var hasRequiredXmlbuilder2;

function requireXmlbuilder2 () {
	if (hasRequiredXmlbuilder2) return xmlbuilder2;
	hasRequiredXmlbuilder2 = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(xmlbuilder2, "__esModule", { value: true });
	const xmlbuilder2_1 = require$$0;
	if (typeof xmlbuilder2_1.create !== 'function') {
	    throw new Error('`create` is not a function');
	}
	xmlbuilder2.default = (function (rootElement, { space } = {}) {
	    const indent = makeIndent(space);
	    const doc = (0, xmlbuilder2_1.create)({ encoding: 'UTF-8' });
	    addEle(doc, rootElement);
	    return doc.end({
	        format: 'xml',
	        newline: '\n',
	        prettyPrint: indent.length > 0,
	        indent
	    });
	});
	function addEle(parent, element, parentNS = null) {
	    if (element.type !== 'element') {
	        return;
	    }
	    const ns = getNS(element) ?? parentNS;
	    const ele = parent.ele(ns, element.name, element.attributes);
	    if (element.children === undefined) ;
	    else if (typeof element.children === 'string' || typeof element.children === 'number') {
	        ele.txt(element.children.toString());
	    }
	    else {
	        for (const child of element.children) {
	            addEle(ele, child, ns);
	        }
	    }
	}
	function getNS(element) {
	    const ns = (element.namespace ?? element.attributes?.xmlns)?.toString() ?? '';
	    return ns.length > 0
	        ? ns
	        : null;
	}
	function makeIndent(space) {
	    if (typeof space === 'number') {
	        return ' '.repeat(Math.max(0, space));
	    }
	    if (typeof space === 'string') {
	        return space;
	    }
	    return '';
	}
	
	return xmlbuilder2;
}

var hasRequiredXmlStringify;

function requireXmlStringify () {
	if (hasRequiredXmlStringify) return xmlStringify;
	hasRequiredXmlStringify = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	var __importDefault = (xmlStringify && xmlStringify.__importDefault) || function (mod) {
	    return (mod && mod.__esModule) ? mod : { "default": mod };
	};
	Object.defineProperty(xmlStringify, "__esModule", { value: true });
	const _wrapper_1 = __importDefault(require_wrapper());
	xmlStringify.default = (0, _wrapper_1.default)('XmlStringifier', [
	    ['xmlbuilder2', () => requireXmlbuilder2().default]
	]);
	
	return xmlStringify;
}

var hasRequiredXmlSerializer_node;

function requireXmlSerializer_node () {
	if (hasRequiredXmlSerializer_node) return xmlSerializer_node;
	hasRequiredXmlSerializer_node = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	var __importDefault = (xmlSerializer_node && xmlSerializer_node.__importDefault) || function (mod) {
	    return (mod && mod.__esModule) ? mod : { "default": mod };
	};
	Object.defineProperty(xmlSerializer_node, "__esModule", { value: true });
	xmlSerializer_node.XmlSerializer = void 0;
	const errors_1 = requireErrors$2();
	const xmlStringify_1 = __importDefault(requireXmlStringify());
	const errors_2 = requireErrors$1();
	const xmlBaseSerializer_1 = requireXmlBaseSerializer();
	class XmlSerializer extends xmlBaseSerializer_1.XmlBaseSerializer {
	    _serialize(normalizedBom, options = {}) {
	        try {
	            return (0, xmlStringify_1.default)(normalizedBom, options);
	        }
	        catch (err) {
	            if (err instanceof errors_1.OptPlugError) {
	                throw new errors_2.MissingOptionalDependencyError(err.message, err);
	            }
	            throw err;
	        }
	    }
	}
	xmlSerializer_node.XmlSerializer = XmlSerializer;
	
	return xmlSerializer_node;
}

var hasRequiredIndex_node;

function requireIndex_node () {
	if (hasRequiredIndex_node) return index_node;
	hasRequiredIndex_node = 1;
	(function (exports) {
		/*!
		This file is part of CycloneDX JavaScript Library.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		   http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.

		SPDX-License-Identifier: Apache-2.0
		Copyright (c) OWASP Foundation. All Rights Reserved.
		*/
		var __createBinding = (index_node && index_node.__createBinding) || (Object.create ? (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    var desc = Object.getOwnPropertyDescriptor(m, k);
		    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
		      desc = { enumerable: true, get: function() { return m[k]; } };
		    }
		    Object.defineProperty(o, k2, desc);
		}) : (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    o[k2] = m[k];
		}));
		var __exportStar = (index_node && index_node.__exportStar) || function(m, exports) {
		    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
		};
		Object.defineProperty(exports, "__esModule", { value: true });
		__exportStar(requireIndex_common(), exports);
		__exportStar(requireXmlSerializer_node(), exports);
		
	} (index_node));
	return index_node;
}

var index_nodeExports = requireIndex_node();

var spec = {};

var consts = {};

var _protocol = {};

var hasRequired_protocol;

function require_protocol () {
	if (hasRequired_protocol) return _protocol;
	hasRequired_protocol = 1;
	/*!
	This file is part of CycloneDX JavaScript Library.

	Licensed under the Apache License, Version 2.0 (the "License");
	you may not use this file except in compliance with the License.
	You may obtain a copy of the License at

	   http://www.apache.org/licenses/LICENSE-2.0

	Unless required by applicable law or agreed to in writing, software
	distributed under the License is distributed on an "AS IS" BASIS,
	WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
	See the License for the specific language governing permissions and
	limitations under the License.

	SPDX-License-Identifier: Apache-2.0
	Copyright (c) OWASP Foundation. All Rights Reserved.
	*/
	Object.defineProperty(_protocol, "__esModule", { value: true });
	_protocol._Spec = void 0;
	const models_1 = requireModels();
	class _Spec {
	    #version;
	    #formats;
	    #componentTypes;
	    #hashAlgorithms;
	    #hashValuePattern;
	    #externalReferenceTypes;
	    #vulnerabilityRatingMethods;
	    #supportsDependencyGraph;
	    #supportsToolReferences;
	    #requiresComponentVersion;
	    #supportsProperties;
	    #supportsVulnerabilities;
	    #supportsComponentEvidence;
	    #supportsMetadataLifecycles;
	    #supportsMetadataLicenses;
	    #supportsMetadataProperties;
	    #supportsExternalReferenceHashes;
	    #supportsLicenseAcknowledgement;
	    #supportsServices;
	    #supportsToolsComponentsServices;
	    #supportsLicenseProperties;
	    constructor(version, formats, componentTypes, hashAlgorithms, hashValuePattern, externalReferenceTypes, supportsDependencyGraph, supportsToolReferences, requiresComponentVersion, supportsProperties, supportsVulnerabilities, vulnerabilityRatingMethods, supportsComponentEvidence, supportsMetadataLifecycles, supportsMetadataLicenses, supportsMetadataProperties, supportsExternalReferenceHashes, supportsLicenseAcknowledgement, supportsServices, supportsToolsComponentsServices, supportsLicenseProperties) {
	        this.#version = version;
	        this.#formats = new Set(formats);
	        this.#componentTypes = new Set(componentTypes);
	        this.#hashAlgorithms = new Set(hashAlgorithms);
	        this.#hashValuePattern = hashValuePattern;
	        this.#externalReferenceTypes = new Set(externalReferenceTypes);
	        this.#supportsDependencyGraph = supportsDependencyGraph;
	        this.#supportsToolReferences = supportsToolReferences;
	        this.#requiresComponentVersion = requiresComponentVersion;
	        this.#supportsProperties = supportsProperties;
	        this.#supportsVulnerabilities = supportsVulnerabilities;
	        this.#vulnerabilityRatingMethods = new Set(vulnerabilityRatingMethods);
	        this.#supportsComponentEvidence = supportsComponentEvidence;
	        this.#supportsMetadataLifecycles = supportsMetadataLifecycles;
	        this.#supportsMetadataLicenses = supportsMetadataLicenses;
	        this.#supportsMetadataProperties = supportsMetadataProperties;
	        this.#supportsExternalReferenceHashes = supportsExternalReferenceHashes;
	        this.#supportsLicenseAcknowledgement = supportsLicenseAcknowledgement;
	        this.#supportsServices = supportsServices;
	        this.#supportsToolsComponentsServices = supportsToolsComponentsServices;
	        this.#supportsLicenseProperties = supportsLicenseProperties;
	    }
	    get version() {
	        return this.#version;
	    }
	    supportsFormat(f) {
	        return this.#formats.has(f);
	    }
	    supportsComponentType(ct) {
	        return this.#componentTypes.has(ct);
	    }
	    supportsHashAlgorithm(ha) {
	        return this.#hashAlgorithms.has(ha);
	    }
	    supportsHashValue(hv) {
	        return typeof hv === 'string' &&
	            this.#hashValuePattern.test(hv);
	    }
	    supportsExternalReferenceType(ert) {
	        return this.#externalReferenceTypes.has(ert);
	    }
	    get supportsDependencyGraph() {
	        return this.#supportsDependencyGraph;
	    }
	    get supportsToolReferences() {
	        return this.#supportsToolReferences;
	    }
	    get requiresComponentVersion() {
	        return this.#requiresComponentVersion;
	    }
	    supportsProperties(model) {
	        switch (true) {
	            case model instanceof models_1.NamedLicense || model instanceof models_1.SpdxLicense:
	                return this.#supportsLicenseProperties;
	            default:
	                return this.#supportsProperties;
	        }
	    }
	    get supportsVulnerabilities() {
	        return this.#supportsVulnerabilities;
	    }
	    supportsVulnerabilityRatingMethod(rm) {
	        return this.#vulnerabilityRatingMethods.has(rm);
	    }
	    get supportsComponentEvidence() {
	        return this.#supportsComponentEvidence;
	    }
	    get supportsMetadataLifecycles() {
	        return this.#supportsMetadataLifecycles;
	    }
	    get supportsMetadataLicenses() {
	        return this.#supportsMetadataLicenses;
	    }
	    get supportsMetadataProperties() {
	        return this.#supportsMetadataProperties;
	    }
	    get supportsExternalReferenceHashes() {
	        return this.#supportsExternalReferenceHashes;
	    }
	    get supportsLicenseAcknowledgement() {
	        return this.#supportsLicenseAcknowledgement;
	    }
	    get supportsServices() {
	        return this.#supportsServices;
	    }
	    get supportsToolsComponentsServices() {
	        return this.#supportsToolsComponentsServices;
	    }
	}
	_protocol._Spec = _Spec;
	
	return _protocol;
}

var hasRequiredConsts;

function requireConsts () {
	if (hasRequiredConsts) return consts;
	hasRequiredConsts = 1;
	(function (exports) {
		/*!
		This file is part of CycloneDX JavaScript Library.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		   http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.

		SPDX-License-Identifier: Apache-2.0
		Copyright (c) OWASP Foundation. All Rights Reserved.
		*/
		Object.defineProperty(exports, "__esModule", { value: true });
		exports.SpecVersionDict = exports.Spec1dot7 = exports.Spec1dot6 = exports.Spec1dot5 = exports.Spec1dot4 = exports.Spec1dot3 = exports.Spec1dot2 = void 0;
		const componentType_1 = requireComponentType();
		const externalReferenceType_1 = requireExternalReferenceType();
		const hashAlogorithm_1 = requireHashAlogorithm();
		const ratingMethod_1 = requireRatingMethod();
		const _protocol_1 = require_protocol();
		const enums_1 = requireEnums();
		exports.Spec1dot2 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot2, [
		    enums_1.Format.XML,
		    enums_1.Format.JSON
		], [
		    componentType_1.ComponentType.Application,
		    componentType_1.ComponentType.Framework,
		    componentType_1.ComponentType.Library,
		    componentType_1.ComponentType.Container,
		    componentType_1.ComponentType.OperatingSystem,
		    componentType_1.ComponentType.Device,
		    componentType_1.ComponentType.Firmware,
		    componentType_1.ComponentType.File
		], [
		    hashAlogorithm_1.HashAlgorithm.MD5,
		    hashAlogorithm_1.HashAlgorithm['SHA-1'],
		    hashAlogorithm_1.HashAlgorithm['SHA-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA-512'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-512'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-256'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-384'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-512'],
		    hashAlogorithm_1.HashAlgorithm.BLAKE3
		], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
		    externalReferenceType_1.ExternalReferenceType.VCS,
		    externalReferenceType_1.ExternalReferenceType.IssueTracker,
		    externalReferenceType_1.ExternalReferenceType.Website,
		    externalReferenceType_1.ExternalReferenceType.Advisories,
		    externalReferenceType_1.ExternalReferenceType.BOM,
		    externalReferenceType_1.ExternalReferenceType.MailingList,
		    externalReferenceType_1.ExternalReferenceType.Social,
		    externalReferenceType_1.ExternalReferenceType.Chat,
		    externalReferenceType_1.ExternalReferenceType.Documentation,
		    externalReferenceType_1.ExternalReferenceType.Support,
		    externalReferenceType_1.ExternalReferenceType.Distribution,
		    externalReferenceType_1.ExternalReferenceType.License,
		    externalReferenceType_1.ExternalReferenceType.BuildMeta,
		    externalReferenceType_1.ExternalReferenceType.BuildSystem,
		    externalReferenceType_1.ExternalReferenceType.Other
		], true, false, true, false, false, [], false, false, false, false, false, false, true, false, false));
		exports.Spec1dot3 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot3, [
		    enums_1.Format.XML,
		    enums_1.Format.JSON
		], [
		    componentType_1.ComponentType.Application,
		    componentType_1.ComponentType.Framework,
		    componentType_1.ComponentType.Library,
		    componentType_1.ComponentType.Container,
		    componentType_1.ComponentType.OperatingSystem,
		    componentType_1.ComponentType.Device,
		    componentType_1.ComponentType.Firmware,
		    componentType_1.ComponentType.File
		], [
		    hashAlogorithm_1.HashAlgorithm.MD5,
		    hashAlogorithm_1.HashAlgorithm['SHA-1'],
		    hashAlogorithm_1.HashAlgorithm['SHA-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA-512'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-512'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-256'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-384'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-512'],
		    hashAlogorithm_1.HashAlgorithm.BLAKE3
		], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
		    externalReferenceType_1.ExternalReferenceType.VCS,
		    externalReferenceType_1.ExternalReferenceType.IssueTracker,
		    externalReferenceType_1.ExternalReferenceType.Website,
		    externalReferenceType_1.ExternalReferenceType.Advisories,
		    externalReferenceType_1.ExternalReferenceType.BOM,
		    externalReferenceType_1.ExternalReferenceType.MailingList,
		    externalReferenceType_1.ExternalReferenceType.Social,
		    externalReferenceType_1.ExternalReferenceType.Chat,
		    externalReferenceType_1.ExternalReferenceType.Documentation,
		    externalReferenceType_1.ExternalReferenceType.Support,
		    externalReferenceType_1.ExternalReferenceType.Distribution,
		    externalReferenceType_1.ExternalReferenceType.License,
		    externalReferenceType_1.ExternalReferenceType.BuildMeta,
		    externalReferenceType_1.ExternalReferenceType.BuildSystem,
		    externalReferenceType_1.ExternalReferenceType.Other
		], true, false, true, true, false, [], true, false, true, true, true, false, true, false, false));
		exports.Spec1dot4 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot4, [
		    enums_1.Format.XML,
		    enums_1.Format.JSON
		], [
		    componentType_1.ComponentType.Application,
		    componentType_1.ComponentType.Framework,
		    componentType_1.ComponentType.Library,
		    componentType_1.ComponentType.Container,
		    componentType_1.ComponentType.OperatingSystem,
		    componentType_1.ComponentType.Device,
		    componentType_1.ComponentType.Firmware,
		    componentType_1.ComponentType.File
		], [
		    hashAlogorithm_1.HashAlgorithm.MD5,
		    hashAlogorithm_1.HashAlgorithm['SHA-1'],
		    hashAlogorithm_1.HashAlgorithm['SHA-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA-512'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-512'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-256'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-384'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-512'],
		    hashAlogorithm_1.HashAlgorithm.BLAKE3
		], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
		    externalReferenceType_1.ExternalReferenceType.VCS,
		    externalReferenceType_1.ExternalReferenceType.IssueTracker,
		    externalReferenceType_1.ExternalReferenceType.Website,
		    externalReferenceType_1.ExternalReferenceType.Advisories,
		    externalReferenceType_1.ExternalReferenceType.BOM,
		    externalReferenceType_1.ExternalReferenceType.MailingList,
		    externalReferenceType_1.ExternalReferenceType.Social,
		    externalReferenceType_1.ExternalReferenceType.Chat,
		    externalReferenceType_1.ExternalReferenceType.Documentation,
		    externalReferenceType_1.ExternalReferenceType.Support,
		    externalReferenceType_1.ExternalReferenceType.Distribution,
		    externalReferenceType_1.ExternalReferenceType.License,
		    externalReferenceType_1.ExternalReferenceType.BuildMeta,
		    externalReferenceType_1.ExternalReferenceType.BuildSystem,
		    externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
		    externalReferenceType_1.ExternalReferenceType.Other
		], true, true, false, true, true, [
		    ratingMethod_1.RatingMethod.CVSSv2,
		    ratingMethod_1.RatingMethod.CVSSv3,
		    ratingMethod_1.RatingMethod.CVSSv31,
		    ratingMethod_1.RatingMethod.OWASP,
		    ratingMethod_1.RatingMethod.Other
		], true, false, true, true, true, false, true, false, false));
		exports.Spec1dot5 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot5, [
		    enums_1.Format.XML,
		    enums_1.Format.JSON
		], [
		    componentType_1.ComponentType.Application,
		    componentType_1.ComponentType.Framework,
		    componentType_1.ComponentType.Library,
		    componentType_1.ComponentType.Container,
		    componentType_1.ComponentType.Platform,
		    componentType_1.ComponentType.OperatingSystem,
		    componentType_1.ComponentType.Device,
		    componentType_1.ComponentType.DeviceDriver,
		    componentType_1.ComponentType.Firmware,
		    componentType_1.ComponentType.File,
		    componentType_1.ComponentType.MachineLearningModel,
		    componentType_1.ComponentType.Data
		], [
		    hashAlogorithm_1.HashAlgorithm.MD5,
		    hashAlogorithm_1.HashAlgorithm['SHA-1'],
		    hashAlogorithm_1.HashAlgorithm['SHA-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA-512'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-512'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-256'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-384'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-512'],
		    hashAlogorithm_1.HashAlgorithm.BLAKE3
		], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
		    externalReferenceType_1.ExternalReferenceType.VCS,
		    externalReferenceType_1.ExternalReferenceType.IssueTracker,
		    externalReferenceType_1.ExternalReferenceType.Website,
		    externalReferenceType_1.ExternalReferenceType.Advisories,
		    externalReferenceType_1.ExternalReferenceType.BOM,
		    externalReferenceType_1.ExternalReferenceType.MailingList,
		    externalReferenceType_1.ExternalReferenceType.Social,
		    externalReferenceType_1.ExternalReferenceType.Chat,
		    externalReferenceType_1.ExternalReferenceType.Documentation,
		    externalReferenceType_1.ExternalReferenceType.Support,
		    externalReferenceType_1.ExternalReferenceType.Distribution,
		    externalReferenceType_1.ExternalReferenceType.DistributionIntake,
		    externalReferenceType_1.ExternalReferenceType.License,
		    externalReferenceType_1.ExternalReferenceType.BuildMeta,
		    externalReferenceType_1.ExternalReferenceType.BuildSystem,
		    externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
		    externalReferenceType_1.ExternalReferenceType.SecurityContact,
		    externalReferenceType_1.ExternalReferenceType.ModelCard,
		    externalReferenceType_1.ExternalReferenceType.Log,
		    externalReferenceType_1.ExternalReferenceType.Configuration,
		    externalReferenceType_1.ExternalReferenceType.Evidence,
		    externalReferenceType_1.ExternalReferenceType.Formulation,
		    externalReferenceType_1.ExternalReferenceType.Attestation,
		    externalReferenceType_1.ExternalReferenceType.ThreatModel,
		    externalReferenceType_1.ExternalReferenceType.AdversaryModel,
		    externalReferenceType_1.ExternalReferenceType.RiskAssessment,
		    externalReferenceType_1.ExternalReferenceType.VulnerabilityAssertion,
		    externalReferenceType_1.ExternalReferenceType.ExploitabilityStatement,
		    externalReferenceType_1.ExternalReferenceType.PentestReport,
		    externalReferenceType_1.ExternalReferenceType.StaticAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.DynamicAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.RuntimeAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.ComponentAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.MaturityReport,
		    externalReferenceType_1.ExternalReferenceType.CertificationReport,
		    externalReferenceType_1.ExternalReferenceType.CodifiedInfrastructure,
		    externalReferenceType_1.ExternalReferenceType.QualityMetrics,
		    externalReferenceType_1.ExternalReferenceType.POAM,
		    externalReferenceType_1.ExternalReferenceType.Other
		], true, true, false, true, true, [
		    ratingMethod_1.RatingMethod.CVSSv2,
		    ratingMethod_1.RatingMethod.CVSSv3,
		    ratingMethod_1.RatingMethod.CVSSv31,
		    ratingMethod_1.RatingMethod.CVSSv4,
		    ratingMethod_1.RatingMethod.OWASP,
		    ratingMethod_1.RatingMethod.SSVC,
		    ratingMethod_1.RatingMethod.Other
		], true, true, true, true, true, false, true, true, true));
		exports.Spec1dot6 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot6, [
		    enums_1.Format.XML,
		    enums_1.Format.JSON
		], [
		    componentType_1.ComponentType.Application,
		    componentType_1.ComponentType.Framework,
		    componentType_1.ComponentType.Library,
		    componentType_1.ComponentType.Container,
		    componentType_1.ComponentType.Platform,
		    componentType_1.ComponentType.OperatingSystem,
		    componentType_1.ComponentType.Device,
		    componentType_1.ComponentType.DeviceDriver,
		    componentType_1.ComponentType.Firmware,
		    componentType_1.ComponentType.File,
		    componentType_1.ComponentType.MachineLearningModel,
		    componentType_1.ComponentType.Data,
		    componentType_1.ComponentType.CryptographicAsset
		], [
		    hashAlogorithm_1.HashAlgorithm.MD5,
		    hashAlogorithm_1.HashAlgorithm['SHA-1'],
		    hashAlogorithm_1.HashAlgorithm['SHA-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA-512'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-512'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-256'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-384'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-512'],
		    hashAlogorithm_1.HashAlgorithm.BLAKE3
		], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
		    externalReferenceType_1.ExternalReferenceType.VCS,
		    externalReferenceType_1.ExternalReferenceType.IssueTracker,
		    externalReferenceType_1.ExternalReferenceType.Website,
		    externalReferenceType_1.ExternalReferenceType.Advisories,
		    externalReferenceType_1.ExternalReferenceType.BOM,
		    externalReferenceType_1.ExternalReferenceType.MailingList,
		    externalReferenceType_1.ExternalReferenceType.Social,
		    externalReferenceType_1.ExternalReferenceType.Chat,
		    externalReferenceType_1.ExternalReferenceType.Documentation,
		    externalReferenceType_1.ExternalReferenceType.Support,
		    externalReferenceType_1.ExternalReferenceType.SourceDistribution,
		    externalReferenceType_1.ExternalReferenceType.Distribution,
		    externalReferenceType_1.ExternalReferenceType.DistributionIntake,
		    externalReferenceType_1.ExternalReferenceType.License,
		    externalReferenceType_1.ExternalReferenceType.BuildMeta,
		    externalReferenceType_1.ExternalReferenceType.BuildSystem,
		    externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
		    externalReferenceType_1.ExternalReferenceType.SecurityContact,
		    externalReferenceType_1.ExternalReferenceType.ModelCard,
		    externalReferenceType_1.ExternalReferenceType.Log,
		    externalReferenceType_1.ExternalReferenceType.Configuration,
		    externalReferenceType_1.ExternalReferenceType.Evidence,
		    externalReferenceType_1.ExternalReferenceType.Formulation,
		    externalReferenceType_1.ExternalReferenceType.Attestation,
		    externalReferenceType_1.ExternalReferenceType.ThreatModel,
		    externalReferenceType_1.ExternalReferenceType.AdversaryModel,
		    externalReferenceType_1.ExternalReferenceType.RiskAssessment,
		    externalReferenceType_1.ExternalReferenceType.VulnerabilityAssertion,
		    externalReferenceType_1.ExternalReferenceType.ExploitabilityStatement,
		    externalReferenceType_1.ExternalReferenceType.PentestReport,
		    externalReferenceType_1.ExternalReferenceType.StaticAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.DynamicAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.RuntimeAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.ComponentAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.MaturityReport,
		    externalReferenceType_1.ExternalReferenceType.CertificationReport,
		    externalReferenceType_1.ExternalReferenceType.CodifiedInfrastructure,
		    externalReferenceType_1.ExternalReferenceType.QualityMetrics,
		    externalReferenceType_1.ExternalReferenceType.POAM,
		    externalReferenceType_1.ExternalReferenceType.ElectronicSignature,
		    externalReferenceType_1.ExternalReferenceType.DigitalSignature,
		    externalReferenceType_1.ExternalReferenceType.RFC9116,
		    externalReferenceType_1.ExternalReferenceType.Other
		], true, true, false, true, true, [
		    ratingMethod_1.RatingMethod.CVSSv2,
		    ratingMethod_1.RatingMethod.CVSSv3,
		    ratingMethod_1.RatingMethod.CVSSv31,
		    ratingMethod_1.RatingMethod.CVSSv4,
		    ratingMethod_1.RatingMethod.OWASP,
		    ratingMethod_1.RatingMethod.SSVC,
		    ratingMethod_1.RatingMethod.Other
		], true, true, true, true, true, true, true, true, true));
		exports.Spec1dot7 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot7, [
		    enums_1.Format.XML,
		    enums_1.Format.JSON
		], [
		    componentType_1.ComponentType.Application,
		    componentType_1.ComponentType.Framework,
		    componentType_1.ComponentType.Library,
		    componentType_1.ComponentType.Container,
		    componentType_1.ComponentType.Platform,
		    componentType_1.ComponentType.OperatingSystem,
		    componentType_1.ComponentType.Device,
		    componentType_1.ComponentType.DeviceDriver,
		    componentType_1.ComponentType.Firmware,
		    componentType_1.ComponentType.File,
		    componentType_1.ComponentType.MachineLearningModel,
		    componentType_1.ComponentType.Data,
		    componentType_1.ComponentType.CryptographicAsset
		], [
		    hashAlogorithm_1.HashAlgorithm.MD5,
		    hashAlogorithm_1.HashAlgorithm['SHA-1'],
		    hashAlogorithm_1.HashAlgorithm['SHA-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA-512'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-256'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-384'],
		    hashAlogorithm_1.HashAlgorithm['SHA3-512'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-256'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-384'],
		    hashAlogorithm_1.HashAlgorithm['BLAKE2b-512'],
		    hashAlogorithm_1.HashAlgorithm.BLAKE3,
		    hashAlogorithm_1.HashAlgorithm['Streebog-256'],
		    hashAlogorithm_1.HashAlgorithm['Streebog-512'],
		], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
		    externalReferenceType_1.ExternalReferenceType.VCS,
		    externalReferenceType_1.ExternalReferenceType.IssueTracker,
		    externalReferenceType_1.ExternalReferenceType.Website,
		    externalReferenceType_1.ExternalReferenceType.Advisories,
		    externalReferenceType_1.ExternalReferenceType.BOM,
		    externalReferenceType_1.ExternalReferenceType.MailingList,
		    externalReferenceType_1.ExternalReferenceType.Social,
		    externalReferenceType_1.ExternalReferenceType.Chat,
		    externalReferenceType_1.ExternalReferenceType.Documentation,
		    externalReferenceType_1.ExternalReferenceType.Support,
		    externalReferenceType_1.ExternalReferenceType.SourceDistribution,
		    externalReferenceType_1.ExternalReferenceType.Distribution,
		    externalReferenceType_1.ExternalReferenceType.DistributionIntake,
		    externalReferenceType_1.ExternalReferenceType.License,
		    externalReferenceType_1.ExternalReferenceType.BuildMeta,
		    externalReferenceType_1.ExternalReferenceType.BuildSystem,
		    externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
		    externalReferenceType_1.ExternalReferenceType.SecurityContact,
		    externalReferenceType_1.ExternalReferenceType.ModelCard,
		    externalReferenceType_1.ExternalReferenceType.Log,
		    externalReferenceType_1.ExternalReferenceType.Configuration,
		    externalReferenceType_1.ExternalReferenceType.Evidence,
		    externalReferenceType_1.ExternalReferenceType.Formulation,
		    externalReferenceType_1.ExternalReferenceType.Attestation,
		    externalReferenceType_1.ExternalReferenceType.ThreatModel,
		    externalReferenceType_1.ExternalReferenceType.AdversaryModel,
		    externalReferenceType_1.ExternalReferenceType.RiskAssessment,
		    externalReferenceType_1.ExternalReferenceType.VulnerabilityAssertion,
		    externalReferenceType_1.ExternalReferenceType.ExploitabilityStatement,
		    externalReferenceType_1.ExternalReferenceType.PentestReport,
		    externalReferenceType_1.ExternalReferenceType.StaticAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.DynamicAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.RuntimeAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.ComponentAnalysisReport,
		    externalReferenceType_1.ExternalReferenceType.MaturityReport,
		    externalReferenceType_1.ExternalReferenceType.CertificationReport,
		    externalReferenceType_1.ExternalReferenceType.CodifiedInfrastructure,
		    externalReferenceType_1.ExternalReferenceType.QualityMetrics,
		    externalReferenceType_1.ExternalReferenceType.POAM,
		    externalReferenceType_1.ExternalReferenceType.ElectronicSignature,
		    externalReferenceType_1.ExternalReferenceType.DigitalSignature,
		    externalReferenceType_1.ExternalReferenceType.RFC9116,
		    externalReferenceType_1.ExternalReferenceType.Citation,
		    externalReferenceType_1.ExternalReferenceType.Patent,
		    externalReferenceType_1.ExternalReferenceType.PatentAssertion,
		    externalReferenceType_1.ExternalReferenceType.PatentFamily,
		    externalReferenceType_1.ExternalReferenceType.RFC9116,
		    externalReferenceType_1.ExternalReferenceType.Other
		], true, true, false, true, true, [
		    ratingMethod_1.RatingMethod.CVSSv2,
		    ratingMethod_1.RatingMethod.CVSSv3,
		    ratingMethod_1.RatingMethod.CVSSv31,
		    ratingMethod_1.RatingMethod.CVSSv4,
		    ratingMethod_1.RatingMethod.OWASP,
		    ratingMethod_1.RatingMethod.SSVC,
		    ratingMethod_1.RatingMethod.Other
		], true, true, true, true, true, true, true, true, true));
		exports.SpecVersionDict = Object.freeze({
		    [enums_1.Version.v1dot7]: exports.Spec1dot7,
		    [enums_1.Version.v1dot6]: exports.Spec1dot6,
		    [enums_1.Version.v1dot5]: exports.Spec1dot5,
		    [enums_1.Version.v1dot4]: exports.Spec1dot4,
		    [enums_1.Version.v1dot3]: exports.Spec1dot3,
		    [enums_1.Version.v1dot2]: exports.Spec1dot2
		});
		
	} (consts));
	return consts;
}

var hasRequiredSpec;

function requireSpec () {
	if (hasRequiredSpec) return spec;
	hasRequiredSpec = 1;
	(function (exports) {
		/*!
		This file is part of CycloneDX JavaScript Library.

		Licensed under the Apache License, Version 2.0 (the "License");
		you may not use this file except in compliance with the License.
		You may obtain a copy of the License at

		   http://www.apache.org/licenses/LICENSE-2.0

		Unless required by applicable law or agreed to in writing, software
		distributed under the License is distributed on an "AS IS" BASIS,
		WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
		See the License for the specific language governing permissions and
		limitations under the License.

		SPDX-License-Identifier: Apache-2.0
		Copyright (c) OWASP Foundation. All Rights Reserved.
		*/
		var __createBinding = (spec && spec.__createBinding) || (Object.create ? (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    var desc = Object.getOwnPropertyDescriptor(m, k);
		    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
		      desc = { enumerable: true, get: function() { return m[k]; } };
		    }
		    Object.defineProperty(o, k2, desc);
		}) : (function(o, m, k, k2) {
		    if (k2 === undefined) k2 = k;
		    o[k2] = m[k];
		}));
		var __exportStar = (spec && spec.__exportStar) || function(m, exports) {
		    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
		};
		Object.defineProperty(exports, "__esModule", { value: true });
		__exportStar(requireConsts(), exports);
		__exportStar(requireEnums(), exports);
		__exportStar(requireErrors(), exports);
		
	} (spec));
	return spec;
}

var specExports = requireSpec();

// The inventory as a CycloneDX 1.6 ML-BOM (JSON): each model a `machine-learning-model` component,
// each dataset a `data` component, lineage and training data as `dependencies`.
// Built with @cyclonedx/cyclonedx-library (OWASP, Apache-2.0, no runtime dependencies, node >= 20.18):
// it owns the spec's names, enums, ordering and bom-ref handling. It has no model for `modelCard`
// or a component's `data` (both 1.5+), so those are added to its normalized output by bom-ref.
// Loaded only by `inventory` (and the Action's ML-BOM), never on the hook path.
/** Property names: one namespace, registered nowhere, documented in docs/inventory.md. */
const NS = 'model-leak-guard';
function renderCycloneDx(inventory, options = {}) {
    const bom = new modelsExports.Bom({ version: 1 });
    if (!options.reproducible) {
        bom.serialNumber = `urn:uuid:${randomUUID()}`;
        bom.metadata.timestamp = new Date();
    }
    bom.metadata.tools.components.add(new modelsExports.Component(enumsExports.ComponentType.Application, 'model-leak-guard', { version: VERSION }));
    for (const [name, value] of scopeProperties(inventory.scope, inventory))
        bom.metadata.properties.add(new modelsExports.Property(name, value));
    const byRef = new Map();
    for (const dataset of inventory.datasets)
        byRef.set(dataset.ref, datasetComponent(dataset));
    for (const other of inventory.otherModels)
        byRef.set(other.ref, otherModelComponent(other));
    for (const model of inventory.models)
        byRef.set(model.ref, modelComponent(model));
    for (const model of inventory.models) {
        const component = byRef.get(model.ref);
        for (const ref of [...model.parents, ...model.datasets])
            component.dependencies.add(byRef.get(ref).bomRef);
    }
    for (const component of byRef.values())
        bom.components.add(component);
    const normalized = new index_nodeExports.JSON.Normalize.Factory(specExports.Spec1dot6).makeForBom().normalize(bom, { sortLists: true });
    return JSON.stringify(withSchemaOnlyFields(normalized, inventory), null, 2) + '\n';
}
function scopeProperties(scope, inventory) {
    const described = scope.type === 'snapshot'
        ? [
            [`${NS}:scope`, `snapshot of ${scope.revision}`],
            [`${NS}:git-commit`, scope.commit ?? '(none yet)']
        ]
        : [[`${NS}:scope`, `history of ${scope.revisions.join(' ')}`]];
    return [...described, [`${NS}:verdict`, inventory.verdict]];
}
function modelComponent(model) {
    const component = new modelsExports.Component(enumsExports.ComponentType.MachineLearningModel, modelName(model), { bomRef: model.ref });
    if (model.sha256)
        component.hashes.set(enumsExports.HashAlgorithm['SHA-256'], model.sha256);
    const properties = [
        // A git blob id hashes git's header with the content: no CycloneDX hash algorithm names it.
        [`${NS}:git-blob`, model.blob],
        [`${NS}:git-commit`, model.commit],
        [`${NS}:member`, model.member],
        ...model.alsoAt.map((path) => [`${NS}:also-at`, path]),
        [`${NS}:format`, model.format],
        [`${NS}:kind`, model.kind],
        [`${NS}:size`, model.size],
        [`${NS}:lfs`, model.lfs || null],
        [`${NS}:records`, model.records],
        [`${NS}:dimension`, model.dimension],
        [`${NS}:verdict`, model.verdict],
        ...model.reasons.map((reason) => [`${NS}:reason`, reason]),
        ...model.unreadable.map(({ file, line, problem }) => [
            `${NS}:unreadable-provenance`,
            `${line === null ? file : `${file}:${line}`}: ${problem}`
        ])
    ];
    addProperties(component, properties);
    return component;
}
/** An archive member is named by its archive's path and its path inside, `a.zip!model.pkl`. */
function modelName(model) {
    return model.member === null ? model.path : `${model.path}!${model.member}`;
}
function datasetComponent(dataset) {
    const component = new modelsExports.Component(enumsExports.ComponentType.Data, dataset.id, {
        bomRef: dataset.ref,
        description: dataset.description ?? undefined
    });
    addProperties(component, [
        [`${NS}:registered`, dataset.registered],
        [`${NS}:label`, dataset.label],
        [`${NS}:label-blocks`, dataset.label === null ? null : dataset.blocks],
        ...dataset.aliases.map((alias) => [`${NS}:alias`, alias]),
        ...dataset.paths.map((path) => [`${NS}:path`, path]),
        ...dataset.uris.map((uri) => [`${NS}:uri`, uri])
    ]);
    return component;
}
/** A parent model that is not inventoried itself: named so the lineage has both ends. */
function otherModelComponent(other) {
    const component = new modelsExports.Component(enumsExports.ComponentType.MachineLearningModel, other.path, { bomRef: other.ref });
    addProperties(component, [
        [`${NS}:git-blob`, other.blob],
        [`${NS}:inventoried`, false]
    ]);
    return component;
}
function addProperties(component, properties) {
    for (const [name, value] of properties)
        if (value !== null)
            component.properties.add(new modelsExports.Property(name, String(value)));
}
/**
 * Fields the library does not model, added by bom-ref: a model's `modelCard` naming its training
 * datasets, a dataset's `data` with the sensitivity label as its `classification`.
 */
function withSchemaOnlyFields(bom, inventory) {
    const models = new Map(inventory.models.map((model) => [model.ref, model]));
    const datasets = new Map(inventory.datasets.map((dataset) => [dataset.ref, dataset]));
    const components = (bom.components ?? []).map((component) => {
        const ref = component['bom-ref'];
        const model = models.get(ref);
        if (model)
            return { ...component, modelCard: { modelParameters: { datasets: model.datasets.map((d) => ({ ref: d })) } } };
        const dataset = datasets.get(ref);
        if (dataset)
            return { ...component, data: [componentData(dataset)] };
        return component;
    });
    return { ...bom, components };
}
function componentData(dataset) {
    return {
        type: 'dataset',
        name: dataset.id,
        ...(dataset.label === null ? {} : { classification: dataset.label }),
        ...(dataset.description === null ? {} : { description: dataset.description })
    };
}

// The size and SHA-256 of blobs' content, for the inventory. Each blob is read whole through the
// one cat-file reader, but only when it fits the read cap: memory stays bounded, and a larger
// blob gets its size and no hash rather than a hash of part of it.
/** One at a time, so at most one blob of up to `cap` bytes is held; missing blobs are left out. */
async function blobDigests(git, ids, cap) {
    const batch = git.catFile();
    const digests = new Map();
    for (const id of new Set(ids)) {
        // Keep one byte until the size is known, then all of it when it fits.
        const object = await batch.read(id, 1, (_head, size) => (size <= cap ? size : 1));
        if (!object || object.type !== 'blob')
            continue;
        const whole = object.bytes.length === object.size;
        digests.set(id, {
            size: object.size,
            sha256: whole ? createHash('sha256').update(object.bytes).digest('hex') : null
        });
    }
    return digests;
}

function buildInventory({ report, registry, scope, digests = new Map() }) {
    const models = report.findings.map((finding) => inventoryModel(finding, digests.get(finding.blob)));
    const known = new Set(models.map((model) => model.ref));
    const otherModels = new Map();
    for (const finding of report.findings)
        for (const parent of finding.parents) {
            const ref = modelRef(parent.path, null, parent.blob);
            if (!known.has(ref))
                otherModels.set(ref, { ref, path: parent.path, blob: parent.blob });
        }
    const datasets = new Map();
    for (const finding of report.findings)
        for (const dataset of namedDatasets(finding))
            datasets.set(datasetRef(dataset), inventoryDataset(dataset, registry));
    return {
        version: 1,
        scope,
        verdict: report.verdict,
        models: models.sort(byRef),
        datasets: [...datasets.values()].sort(byRef),
        otherModels: [...otherModels.values()].sort(byRef),
        stats: report.stats
    };
}
function inventoryModel(finding, digest) {
    const lfs = lfsPointer(finding);
    return {
        ref: modelRef(finding.path, finding.member, finding.blob),
        path: finding.path,
        member: finding.member,
        blob: finding.blob,
        commit: finding.commit,
        alsoAt: finding.alsoAt.map((place) => place.path),
        format: finding.format,
        kind: finding.kind,
        size: lfs?.size ?? (finding.member === null ? (digest?.size ?? null) : null),
        sha256: lfs?.sha256 ?? (finding.member === null ? (digest?.sha256 ?? null) : null),
        lfs: lfs !== null,
        records: count(finding.detail.records),
        dimension: count(finding.detail.dimension),
        verdict: finding.verdict,
        reasons: finding.reasons,
        datasets: namedDatasets(finding).map(datasetRef),
        unreadable: finding.datasets.flatMap((d) => d.status === 'unreadable' ? [{ file: d.file, line: d.line ?? null, problem: d.problem }] : []),
        parents: finding.parents.map((parent) => modelRef(parent.path, null, parent.blob))
    };
}
function modelRef(path, member, blob) {
    return `${path}${member === null ? '' : `!${member}`}${blob ? `@${blob}` : ''}`;
}
/** The datasets a finding names; an unreadable provenance file is not one. */
function namedDatasets(finding) {
    return finding.datasets.filter((d) => d.status !== 'unreadable');
}
function datasetRef(dataset) {
    return `dataset:${datasetId(dataset)}`;
}
function datasetId(dataset) {
    return dataset.status === 'registered' ? dataset.id : dataset.name;
}
function inventoryDataset(dataset, registry) {
    const registered = dataset.status === 'registered';
    const entry = registered ? registry.dataset(dataset.id) : undefined;
    return {
        ref: datasetRef(dataset),
        id: datasetId(dataset),
        registered,
        label: registered ? dataset.label : null,
        blocks: registered && registry.blocks(dataset.label),
        aliases: entry?.aliases ?? [],
        paths: entry?.paths ?? [],
        uris: entry?.uris ?? [],
        description: entry?.description ?? null
    };
}
/**
 * A Git LFS pointer names the model's SHA-256 and size: the content that leaves through the LFS
 * server. Detection puts them in `detail` of a pointer it could not open, in `detail.lfs` of the
 * model it found in the locally stored object.
 */
function lfsPointer(finding) {
    const nested = finding.detail.lfs;
    const lfs = typeof nested === 'object' && nested !== null ? nested : null;
    const pointer = lfs ?? (finding.format === 'lfs-pointer' ? finding.detail : null);
    const oid = pointer?.oid;
    if (typeof oid !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(oid))
        return null;
    return { sha256: oid.slice('sha256:'.length), size: count(pointer?.size) };
}
function count(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
}
function byRef(a, b) {
    return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
}
function renderInventoryJson(inventory) {
    return JSON.stringify(inventory, null, 2) + '\n';
}

// The inventory over the one engine: a scan (of a push range, a history or a tree's snapshot), then
// the size and SHA-256 of each model blob that fits the read cap. `inventory` and the Action's
// ML-BOM both come through here; writing it out is src/report/inventory.ts and cyclonedx.ts.
async function takeInventory(request, scope) {
    return inventoryOfReport(await scan(request), { registry: request.registry, scope, repoDir: request.repoDir });
}
/** The inventory of a report already made (the Action's scan of a push or pull request). */
async function inventoryOfReport(report, options) {
    const git = await GitRepository.open(options.repoDir);
    try {
        const blobs = report.findings.map((finding) => finding.blob);
        const digests = await blobDigests(git, blobs, LIMITS.readCap);
        return buildInventory({ report, registry: options.registry, scope: options.scope, digests });
    }
    finally {
        await git.close();
    }
}

export { renderInventoryJson as a, inventoryOfReport as i, renderCycloneDx as r, takeInventory as t };
