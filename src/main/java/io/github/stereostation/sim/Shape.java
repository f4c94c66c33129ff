package io.github.stereostation.sim;

/**
 * A surface compiled for ray casting: precomputed geometry, no allocation per ray. Rays are o + t·d with d not
 * necessarily unit length; {@link #intersect} returns the smallest t above {@link #T_MIN}, or +infinity.
 */
abstract class Shape {
    static final double T_MIN = 1e-9;

    /** Direction towards the light (unit), from upper left, in front of the scene. */
    static final double LX = -0.35, LY = -0.75, LZ = -0.56;
    private static final double L_NORM = Math.sqrt(LX * LX + LY * LY + LZ * LZ);

    abstract double intersect(double ox, double oy, double oz, double dx, double dy, double dz);

    /** Lit colour (0..1) of the surface point (x, y, z), which lies on this shape, into rgb. */
    abstract void shade(double x, double y, double z, double[] rgb);

    /** Lambertian factor for a unit normal; independent of the viewer, so both cameras see the same colour. */
    static double lambert(double nx, double ny, double nz, boolean twoSided) {
        double c = (nx * LX + ny * LY + nz * LZ) / L_NORM;
        if (twoSided) {
            c = Math.abs(c);
        }
        return 0.5 + 0.5 * Math.max(0, c);
    }

    static Shape of(Surface s) {
        if (s instanceof Plane p) {
            return new PlaneShape(p);
        } else if (s instanceof Box b) {
            return new BoxShape(b);
        } else if (s instanceof Sphere sp) {
            return new SphereShape(sp);
        }
        throw new IllegalArgumentException("unknown surface " + s);
    }

    static final class PlaneShape extends Shape {
        private final double px, py, pz, nx, ny, nz, light;
        private final ProceduralTexture.Sampler texture;

        PlaneShape(Plane p) {
            px = p.pointMm().x();
            py = p.pointMm().y();
            pz = p.pointMm().z();
            nx = p.normal().x();
            ny = p.normal().y();
            nz = p.normal().z();
            light = lambert(nx, ny, nz, true);
            texture = p.texture().sampler();
        }

        @Override
        double intersect(double ox, double oy, double oz, double dx, double dy, double dz) {
            double den = nx * dx + ny * dy + nz * dz;
            if (den == 0) {
                return Double.POSITIVE_INFINITY;
            }
            double t = (nx * (px - ox) + ny * (py - oy) + nz * (pz - oz)) / den;
            return t > T_MIN ? t : Double.POSITIVE_INFINITY;
        }

        @Override
        void shade(double x, double y, double z, double[] rgb) {
            texture.colour(x - px, y - py, z - pz, rgb);
            rgb[0] *= light;
            rgb[1] *= light;
            rgb[2] *= light;
        }
    }

    static final class SphereShape extends Shape {
        private final double cx, cy, cz, r, r2;
        private final ProceduralTexture.Sampler texture;

        SphereShape(Sphere s) {
            cx = s.centerMm().x();
            cy = s.centerMm().y();
            cz = s.centerMm().z();
            r = s.radiusMm();
            r2 = r * r;
            texture = s.texture().sampler();
        }

        @Override
        double intersect(double ox, double oy, double oz, double dx, double dy, double dz) {
            double lx = ox - cx, ly = oy - cy, lz = oz - cz;
            double a = dx * dx + dy * dy + dz * dz;
            double b = lx * dx + ly * dy + lz * dz;
            double c = lx * lx + ly * ly + lz * lz - r2;
            double disc = b * b - a * c;
            if (disc < 0) {
                return Double.POSITIVE_INFINITY;
            }
            double sq = Math.sqrt(disc);
            // the numerically stable pair of roots
            double q = b > 0 ? -(b + sq) : -(b - sq);
            double t1 = q / a, t2 = c / q;
            double lo = Math.min(t1, t2), hi = Math.max(t1, t2);
            if (lo > T_MIN) {
                return lo;
            }
            return hi > T_MIN ? hi : Double.POSITIVE_INFINITY;
        }

        @Override
        void shade(double x, double y, double z, double[] rgb) {
            double lx = x - cx, ly = y - cy, lz = z - cz;
            texture.colour(lx, ly, lz, rgb);
            double l = lambert(lx / r, ly / r, lz / r, false);
            rgb[0] *= l;
            rgb[1] *= l;
            rgb[2] *= l;
        }
    }

    static final class BoxShape extends Shape {
        private final double cx, cy, cz, hx, hy, hz, cos, sin, boundR2;
        private final double[] faceLight = new double[6];
        private final ProceduralTexture.Sampler texture;

        BoxShape(Box b) {
            cx = b.centerMm().x();
            cy = b.centerMm().y();
            cz = b.centerMm().z();
            hx = b.sizeMm().x() / 2;
            hy = b.sizeMm().y() / 2;
            hz = b.sizeMm().z() / 2;
            boundR2 = hx * hx + hy * hy + hz * hz;
            double yaw = Math.toRadians(b.yawDegrees());
            cos = Math.cos(yaw);
            sin = Math.sin(yaw);
            texture = b.texture().sampler();
            for (int f = 0; f < 6; f++) {
                double[] n = new double[3];
                n[f / 2] = (f % 2 == 0) ? -1 : 1;
                // local -> camera: rotation about y
                double wx = cos * n[0] + sin * n[2];
                double wz = -sin * n[0] + cos * n[2];
                faceLight[f] = lambert(wx, n[1], wz, false);
            }
        }

        // camera -> local: inverse rotation about y
        private double lx(double x, double z) {
            return cos * x - sin * z;
        }

        private double lz(double x, double z) {
            return sin * x + cos * z;
        }

        @Override
        double intersect(double ox, double oy, double oz, double dx, double dy, double dz) {
            double rx = ox - cx, ry = oy - cy, rz = oz - cz;
            // most rays miss a box by far: reject them against its bounding sphere first
            double dd = dx * dx + dy * dy + dz * dz;
            double rd = rx * dx + ry * dy + rz * dz;
            double rr = rx * rx + ry * ry + rz * rz;
            if (rr > boundR2 && (rd > 0 || rr - rd * rd / dd > boundR2)) {
                return Double.POSITIVE_INFINITY;
            }
            double olx = lx(rx, rz), oly = ry, olz = lz(rx, rz);
            double dlx = lx(dx, dz), dlz = lz(dx, dz);
            double tNear = Double.NEGATIVE_INFINITY, tFar = Double.POSITIVE_INFINITY;
            // slab test, unrolled so that no arrays are allocated per ray
            if (dlx == 0) {
                if (olx < -hx || olx > hx) {
                    return Double.POSITIVE_INFINITY;
                }
            } else {
                double t1 = (-hx - olx) / dlx, t2 = (hx - olx) / dlx;
                tNear = Math.max(tNear, Math.min(t1, t2));
                tFar = Math.min(tFar, Math.max(t1, t2));
            }
            if (dy == 0) {
                if (oly < -hy || oly > hy) {
                    return Double.POSITIVE_INFINITY;
                }
            } else {
                double t1 = (-hy - oly) / dy, t2 = (hy - oly) / dy;
                tNear = Math.max(tNear, Math.min(t1, t2));
                tFar = Math.min(tFar, Math.max(t1, t2));
            }
            if (dlz == 0) {
                if (olz < -hz || olz > hz) {
                    return Double.POSITIVE_INFINITY;
                }
            } else {
                double t1 = (-hz - olz) / dlz, t2 = (hz - olz) / dlz;
                tNear = Math.max(tNear, Math.min(t1, t2));
                tFar = Math.min(tFar, Math.max(t1, t2));
            }
            if (tNear > tFar) {
                return Double.POSITIVE_INFINITY;
            }
            if (tNear > T_MIN) {
                return tNear;
            }
            return tFar > T_MIN ? tFar : Double.POSITIVE_INFINITY;
        }

        @Override
        void shade(double x, double y, double z, double[] rgb) {
            double rx = x - cx, rz = z - cz;
            double px = lx(rx, rz), py = y - cy, pz = lz(rx, rz);
            texture.colour(px, py, pz, rgb);
            double ax = Math.abs(px) / hx, ay = Math.abs(py) / hy, az = Math.abs(pz) / hz;
            int face;
            if (ax >= ay && ax >= az) {
                face = px < 0 ? 0 : 1;
            } else if (ay >= az) {
                face = py < 0 ? 2 : 3;
            } else {
                face = pz < 0 ? 4 : 5;
            }
            double l = faceLight[face];
            rgb[0] *= l;
            rgb[1] *= l;
            rgb[2] *= l;
        }
    }
}
