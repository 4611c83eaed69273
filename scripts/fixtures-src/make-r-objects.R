# Real R serialization for the R fixtures (scripts/make-fixtures-formats.py runs this with Rscript,
# from Debian's r-base-core): saveRDS of an lm (gzip, R's default), a glm (bzip2), a k-NN object
# shaped as caret::knn3 returns it (class "knn3", the training points kept; caret is not packaged
# here) as xz, a data.frame, and save() of a model and a data.frame in one .RData.
args <- commandArgs(trailingOnly = TRUE)
out <- function(name) file.path(args[1], name)
patients <- data.frame(age = c(31, 45, 52, 38, 60, 27), bmi = c(22.1, 27.4, 31.0, 24.8, 29.9, 21.5), diabetic = c(0, 1, 1, 0, 1, 0))
fit <- lm(bmi ~ age, data = patients)
saveRDS(fit, out("r/lm.rds"))
saveRDS(glm(diabetic ~ bmi, data = patients, family = poisson()), out("r/glm.rds"), compress = "bzip2")
knn <- structure(list(learn = list(y = factor(patients$diabetic), X = as.matrix(patients[, 1:2])), k = 3, theDots = list()), class = "knn3")
saveRDS(knn, out("r/knn3.rds"), compress = "xz")
saveRDS(patients, out("r/patients.rds"))
save(fit, patients, file = out("r/session.RData"))
